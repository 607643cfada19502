package jp.lgwansim.relay.routing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import jp.lgwansim.relay.dns.DnsLookup;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * The next-hop decision of one node, in Postfix's order: a local domain is delivered to a mailbox;
 * else a transport map entry wins; else the node's delivery mode decides (MX lookup, or the static
 * smarthost). A transport entry {@code .example.jp} also matches every subdomain of example.jp.
 *
 * <p>A node on several networks (a gateway) asks the DNS views in its order: when one view's answer
 * leads nowhere (no such domain, no address) or back to the node itself, it asks the next, so the
 * LGWAN side routes LG.JP names and the other side the rest. Temporary DNS trouble in any view
 * defers rather than bounces. When MX lookup finds no domain at all and the node has a fallback
 * relay (Postfix's smtp_fallback_relay), the mail goes there instead: that is how LGWAN mail
 * servers hand Internet mail to the prefecture's security cloud.
 */
public final class Router {
  /** The statuses that mean "the domain was not found", for which the fallback relay applies. */
  private static final Set<String> NOT_FOUND = Set.of("5.1.2", "5.4.4");

  private final NodeSpec node;
  private final Supplier<NodeSpec.DeliverySpec> delivery;
  private final Set<String> localDomains;
  private final List<MxResolver> views;
  private final String viewNames;

  /**
   * @param delivery the node's delivery mode as it is now: a trainer may switch it between MX and
   *     Static while the simulation runs, and the next message follows the new one
   * @param dns the node's resolvers, one per DNS view, in the order it asks them; empty when no
   *     network of the node has a DNS view (then only local delivery works, and every other route
   *     fails with a message that says so)
   */
  public Router(
      NodeSpec node,
      Supplier<NodeSpec.DeliverySpec> delivery,
      List<DnsLookup> dns,
      Set<InetAddress> selfAddresses,
      RandomGenerator random) {
    this.node = node;
    this.delivery = delivery;
    this.localDomains =
        node.domains().stream()
            .map(d -> d.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    List<MxResolver> resolvers = new ArrayList<>();
    for (DnsLookup d : dns) {
      resolvers.add(new MxResolver(d, node.hostname(), selfAddresses, random));
    }
    this.views = List.copyOf(resolvers);
    this.viewNames = dns.stream().map(DnsLookup::view).collect(Collectors.joining(", "));
  }

  public boolean isLocal(String domain) {
    return localDomains.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** Decides where mail for {@code domain} goes; DNS questions are traced under the message. */
  public RouteDecision route(String domain, String messageId, String queueId) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (localDomains.contains(d)) {
      return new RouteDecision.Local(
          Bilingual.of(
              d + " はこのサーバ (" + node.hostname() + ") のドメインなのでメールボックスへ配送します",
              d + " is a domain of this server (" + node.hostname() + "): deliver to its mailbox"));
    }
    Optional<Map.Entry<String, String>> transport = transportEntry(d);
    if (transport.isPresent()) {
      NextHopSpec spec = NextHopSpec.parse(transport.get().getValue());
      return withReason(
          resolve(spec, "transport", messageId, queueId),
          Bilingual.of(
              "転送設定 (transport) " + transport.get().getKey() + " → " + spec + "。",
              "transport entry " + transport.get().getKey() + " → " + spec + ". "));
    }
    NodeSpec.DeliverySpec now = delivery.get();
    if (now.mode() == DeliveryMode.STATIC) {
      NextHopSpec spec = NextHopSpec.parse(now.smarthost().orElseThrow());
      return withReason(
          resolve(spec, "static", messageId, queueId),
          Bilingual.of(
              "Static配送: すべての外部宛メールをスマートホスト " + spec + " (POIのSMTPサーバ) へ送ります。",
              "Static delivery: all outside mail goes to the smarthost " + spec + " (the POI). "));
    }
    if (views.isEmpty()) {
      return noDns(d);
    }
    RouteDecision byMx =
        withReason(
            firstRelay(r -> r.byMx(d, "mx", Defaults.SMTP_PORT, messageId, queueId)),
            Bilingual.of(
                "MX配送: " + viewNames + "のDNSで " + d + " のMXレコードを検索しました。",
                "MX delivery: looked up the MX of " + d + " in " + viewNames + " DNS. "));
    if (byMx instanceof RouteDecision.Unroutable u
        && u.permanent()
        && NOT_FOUND.contains(u.status())
        && node.fallbackRelay().isPresent()) {
      NextHopSpec spec = NextHopSpec.parse(node.fallbackRelay().get());
      return withReason(
          resolve(spec, "fallback", messageId, queueId),
          Bilingual.of(
              u.why().ja() + "。そのため予備の中継先 (fallback_relay) " + spec + " へ送ります。",
              u.why().en() + "; so it goes to the fallback relay " + spec + ". "));
    }
    return byMx;
  }

  private RouteDecision resolve(NextHopSpec spec, String method, String messageId, String queueId) {
    if (views.isEmpty()) {
      return noDns(spec.host());
    }
    return firstRelay(
        r ->
            spec.bracketed()
                ? r.byAddress(spec.host(), method, spec.port(), messageId, queueId)
                : r.byMx(spec.host(), method, spec.port(), messageId, queueId));
  }

  /**
   * Asks the views in order and takes the first that finds a way; otherwise defers if any view
   * could not answer now, else reports the first view's permanent answer.
   */
  private RouteDecision firstRelay(Function<MxResolver, RouteDecision> ask) {
    RouteDecision first = null;
    RouteDecision temporary = null;
    for (MxResolver view : views) {
      RouteDecision d = ask.apply(view);
      if (d instanceof RouteDecision.Relay) {
        return d;
      }
      if (first == null) {
        first = d;
      }
      if (temporary == null && d instanceof RouteDecision.Unroutable u && !u.permanent()) {
        temporary = d;
      }
    }
    return temporary != null ? temporary : first;
  }

  private Optional<Map.Entry<String, String>> transportEntry(String domain) {
    for (Map.Entry<String, String> e : node.transport().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (key.equals(domain) || (key.startsWith(".") && domain.endsWith(key))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private RouteDecision noDns(String name) {
    return new RouteDecision.Unroutable(
        true,
        "5.3.5",
        Bilingual.of(
            node.id() + " の接続するネットワークにDNSがないため " + name + " を名前解決できません。トポロジのnetworksにdnsを追加してください",
            node.id()
                + " is on no network with a DNS view, so it cannot resolve "
                + name
                + ": add dns to one of its networks in the topology"));
  }

  /** Puts the rule that applied in front of what the resolver found. */
  private static RouteDecision withReason(RouteDecision decision, Bilingual rule) {
    Bilingual why = Bilingual.of(rule.ja() + decision.why().ja(), rule.en() + decision.why().en());
    if (decision instanceof RouteDecision.Relay r) {
      return new RouteDecision.Relay(r.method(), r.candidates(), why);
    }
    if (decision instanceof RouteDecision.Unroutable u) {
      return new RouteDecision.Unroutable(u.permanent(), u.status(), why);
    }
    return decision;
  }
}
