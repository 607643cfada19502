package jp.lgwansim.relay.routing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.dns.DnsAnswer;
import jp.lgwansim.relay.dns.DnsLookup;
import jp.lgwansim.relay.trace.Bilingual;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns a domain or a host name into the ordered list of addresses to try, by the rules of RFC 5321
 * section 5.1 and RFC 7505:
 *
 * <ul>
 *   <li>MX records sorted by preference, lowest first; equal preferences in random order, to spread
 *       load as the RFC asks;
 *   <li>no MX (NODATA): the domain's own A record is an implicit MX of preference 0;
 *   <li>a single MX "0 ." (null MX): the domain accepts no mail, a permanent failure;
 *   <li>NXDOMAIN: permanent; SERVFAIL or no answer: temporary;
 *   <li>an MX that is this node itself: it and every MX of equal or higher preference number are
 *       dropped; if none is left, the mail loops back to this node (permanent, 5.4.6);
 *   <li>at most {@link #MAX_ADDRESSES} addresses, as Postfix's smtp_mx_address_limit (5), so a long
 *       MX list cannot hold a message for minutes.
 * </ul>
 */
final class MxResolver {
  static final int MAX_ADDRESSES = 5;

  private final DnsLookup dns;
  private final String selfHost;
  private final Set<InetAddress> selfAddresses;
  private final RandomGenerator random;

  MxResolver(
      DnsLookup dns, String selfHost, Set<InetAddress> selfAddresses, RandomGenerator random) {
    this.dns = dns;
    this.selfHost = selfHost;
    this.selfAddresses = Set.copyOf(selfAddresses);
    this.random = random;
  }

  /** Candidates for {@code domain} by its MX records (or its implicit MX). */
  RouteDecision byMx(String domain, String method, int port, String messageId, String queueId) {
    DnsAnswer mx = dns.lookup(domain, Type.MX, messageId, queueId);
    if (mx instanceof DnsAnswer.NoSuchDomain) {
      return new RouteDecision.Unroutable(
          true,
          "5.1.2",
          Bilingual.of(
              dns.view() + "のDNSに " + domain + " は存在しません (NXDOMAIN)。宛先ドメイン名を確認してください",
              domain + " does not exist in " + dns.view() + " DNS (NXDOMAIN): check the domain"));
    }
    if (mx instanceof DnsAnswer.TemporaryFailure t) {
      return dnsTrouble(domain, "MX", t.reason());
    }
    if (mx instanceof DnsAnswer.NoData) {
      return implicitMx(domain, port, messageId, queueId);
    }
    List<MXRecord> records = new ArrayList<>();
    for (Record r : ((DnsAnswer.Found) mx).records()) {
      records.add((MXRecord) r);
    }
    if (records.size() == 1 && records.get(0).getTarget().equals(org.xbill.DNS.Name.root)) {
      return new RouteDecision.Unroutable(
          true,
          "5.1.10",
          Bilingual.of(
              domain + " はnull MX (RFC 7505) でメールを受け付けないと宣言しています",
              domain + " publishes a null MX (RFC 7505): it accepts no mail"));
    }
    return fromMxList(domain, method, records, port, messageId, queueId);
  }

  /** Candidates for a bracketed host: its A records only, no MX lookup. */
  RouteDecision byAddress(String host, String method, int port, String messageId, String queueId) {
    DnsAnswer a = dns.lookup(host, Type.A, messageId, queueId);
    if (a instanceof DnsAnswer.Found f) {
      List<NextHop> hops = new ArrayList<>();
      for (Record r : f.records()) {
        hops.add(new NextHop(host, ((ARecord) r).getAddress(), port, 0));
      }
      Collections.shuffle(hops, new java.util.Random(random.nextLong()));
      return new RouteDecision.Relay(
          method,
          limit(hops),
          Bilingual.of(
              "[" + host + "] はMX検索をせず、Aレコードのアドレスへ直接送ります",
              "[" + host + "] is used as is, without an MX lookup: its A record"));
    }
    if (a instanceof DnsAnswer.TemporaryFailure t) {
      return dnsTrouble(host, "A", t.reason());
    }
    return new RouteDecision.Unroutable(
        true,
        "5.4.4",
        Bilingual.of(
            host + " のAレコードが " + dns.view() + " のDNSにありません",
            host + " has no A record in " + dns.view() + " DNS"));
  }

  private RouteDecision implicitMx(String domain, int port, String messageId, String queueId) {
    DnsAnswer a = dns.lookup(domain, Type.A, messageId, queueId);
    if (a instanceof DnsAnswer.Found f) {
      List<NextHop> hops = new ArrayList<>();
      for (Record r : f.records()) {
        InetAddress address = ((ARecord) r).getAddress();
        if (selfAddresses.contains(address)) {
          return loop(domain);
        }
        hops.add(new NextHop(domain, address, port, 0));
      }
      return new RouteDecision.Relay(
          "implicit-mx",
          limit(hops),
          Bilingual.of(
              domain + " にMXレコードがないため、Aレコードを暗黙のMXとして使います (RFC 5321 5.1)",
              domain + " has no MX record, so its A record is the implicit MX (RFC 5321 5.1)"));
    }
    if (a instanceof DnsAnswer.TemporaryFailure t) {
      return dnsTrouble(domain, "A", t.reason());
    }
    return new RouteDecision.Unroutable(
        true,
        "5.1.2",
        Bilingual.of(
            domain + " にMXレコードもAレコードもありません。MXレコードが表示されない場合、DNSは正しく構成されていません",
            domain + " has neither an MX nor an A record: DNS is not configured correctly"));
  }

  private RouteDecision fromMxList(
      String domain,
      String method,
      List<MXRecord> records,
      int port,
      String messageId,
      String queueId) {
    // Shuffle first, then a stable sort: equal preferences end up in random order.
    Collections.shuffle(records, new java.util.Random(random.nextLong()));
    records.sort(Comparator.comparingInt(MXRecord::getPriority));

    Map<MXRecord, List<InetAddress>> addresses = new LinkedHashMap<>();
    boolean anyTemporary = false;
    Optional<Integer> selfPreference = Optional.empty();
    for (MXRecord mx : records) {
      String target = hostOf(mx);
      if (target.equalsIgnoreCase(selfHost)) {
        selfPreference = Optional.of(mx.getPriority());
        break;
      }
      DnsAnswer a = dns.lookup(target, Type.A, messageId, queueId);
      if (a instanceof DnsAnswer.Found f) {
        List<InetAddress> list = new ArrayList<>();
        for (Record r : f.records()) {
          list.add(((ARecord) r).getAddress());
        }
        if (list.stream().anyMatch(selfAddresses::contains)) {
          selfPreference = Optional.of(mx.getPriority());
          break;
        }
        addresses.put(mx, list);
      } else if (a instanceof DnsAnswer.TemporaryFailure) {
        anyTemporary = true;
      }
    }
    // RFC 5321 5.1: drop our own entry and everything of equal or higher preference number.
    if (selfPreference.isPresent()) {
      int self = selfPreference.get();
      addresses.keySet().removeIf(mx -> mx.getPriority() >= self);
      if (addresses.isEmpty()) {
        return loop(domain);
      }
    }
    List<NextHop> hops = new ArrayList<>();
    for (Map.Entry<MXRecord, List<InetAddress>> e : addresses.entrySet()) {
      for (InetAddress address : e.getValue()) {
        hops.add(new NextHop(hostOf(e.getKey()), address, port, e.getKey().getPriority()));
      }
    }
    if (hops.isEmpty()) {
      if (anyTemporary) {
        return dnsTrouble(domain, "A", "MX targets could not be resolved now");
      }
      return new RouteDecision.Unroutable(
          true,
          "5.4.4",
          Bilingual.of(
              domain + " のMXが指すホストにAレコードがありません",
              "the MX hosts of " + domain + " have no A record"));
    }
    StringBuilder list = new StringBuilder();
    for (MXRecord mx : addresses.keySet()) {
      if (list.length() > 0) {
        list.append(", ");
      }
      list.append("MX ").append(mx.getPriority()).append(' ').append(hostOf(mx));
    }
    String view = dns.view();
    return new RouteDecision.Relay(
        method,
        limit(hops),
        Bilingual.of(
            view + "のDNSのMXレコード (" + list + ") の優先度順に配送します",
            "by the MX records from " + view + " DNS (" + list + "), lowest preference first"));
  }

  private RouteDecision loop(String domain) {
    return new RouteDecision.Unroutable(
        true,
        "5.4.6",
        Bilingual.of(
            domain + " のMXがこのサーバ自身 (" + selfHost + ") を指しています: メールがループします",
            "mail for " + domain + " loops back to myself (" + selfHost + ")"));
  }

  private RouteDecision dnsTrouble(String name, String type, String reason) {
    return new RouteDecision.Unroutable(
        false,
        "4.4.3",
        Bilingual.of(
            dns.view() + "のDNSで " + name + " の" + type + "を引けません (" + reason + ")。後で再送します",
            dns.view()
                + " DNS could not answer "
                + type
                + " "
                + name
                + " ("
                + reason
                + "); will retry"));
  }

  private static String hostOf(MXRecord mx) {
    return mx.getTarget().toString(true).toLowerCase(java.util.Locale.ROOT);
  }

  private static List<NextHop> limit(List<NextHop> hops) {
    return hops.size() <= MAX_ADDRESSES ? hops : hops.subList(0, MAX_ADDRESSES);
  }
}
