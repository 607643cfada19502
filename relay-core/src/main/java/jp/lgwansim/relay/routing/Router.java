package jp.lgwansim.relay.routing;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.dns.DnsLookup;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * The next-hop decision of one node, in Postfix's order: a local domain is delivered to a mailbox;
 * else a transport map entry wins; else the node's delivery mode decides (MX lookup, or the static
 * smarthost). A transport entry {@code .example.jp} also matches every subdomain of example.jp.
 */
public final class Router {
  private final NodeSpec node;
  private final java.util.function.Supplier<NodeSpec.DeliverySpec> delivery;
  private final Set<String> localDomains;
  private final Optional<MxResolver> resolver;
  private final Optional<String> dnsView;

  /**
   * @param dns the node's resolver, or empty when no network of the node has a DNS view (then only
   *     local delivery works, and every other route fails with a message that says so)
   */
  public Router(
      NodeSpec node,
      Optional<DnsLookup> dns,
      Set<InetAddress> selfAddresses,
      RandomGenerator random) {
    this(node, node::delivery, dns, selfAddresses, random);
  }

  /**
   * @param delivery the node's delivery mode as it is now: a trainer may switch it between MX and
   *     Static while the simulation runs, and the next message follows the new one
   */
  public Router(
      NodeSpec node,
      java.util.function.Supplier<NodeSpec.DeliverySpec> delivery,
      Optional<DnsLookup> dns,
      Set<InetAddress> selfAddresses,
      RandomGenerator random) {
    this.node = node;
    this.delivery = delivery;
    this.localDomains =
        node.domains().stream()
            .map(d -> d.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.resolver = dns.map(d -> new MxResolver(d, node.hostname(), selfAddresses, random));
    this.dnsView = dns.map(DnsLookup::view);
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
    if (resolver.isEmpty()) {
      return noDns(d);
    }
    return withReason(
        resolver
            .get()
            .byMx(d, "mx", jp.lgwansim.relay.topology.Defaults.SMTP_PORT, messageId, queueId),
        Bilingual.of(
            "MX配送: " + dnsView.orElseThrow() + "のDNSで " + d + " のMXレコードを検索しました。",
            "MX delivery: looked up the MX of " + d + " in " + dnsView.orElseThrow() + " DNS. "));
  }

  private RouteDecision resolve(NextHopSpec spec, String method, String messageId, String queueId) {
    if (resolver.isEmpty()) {
      return noDns(spec.host());
    }
    return spec.bracketed()
        ? resolver.get().byAddress(spec.host(), method, spec.port(), messageId, queueId)
        : resolver.get().byMx(spec.host(), method, spec.port(), messageId, queueId);
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
