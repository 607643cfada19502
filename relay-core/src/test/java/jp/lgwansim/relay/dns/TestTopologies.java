package jp.lgwansim.relay.dns;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeRole;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.topology.ZoneFileSpec;

/**
 * Small topologies built in code, shaped like the article's Figure 1: A市 and B町 on LGWAN, an LGWAN
 * relay, an Internet MTA, and a gateway attached to both networks (so one name has two answers).
 */
final class TestTopologies {
  private TestTopologies() {}

  static NetworkSpec network(String name, String cidr, String dnsAddress) {
    return new NetworkSpec(
        name,
        name.toUpperCase(java.util.Locale.ROOT),
        Cidr.parse(cidr),
        Optional.of(new NetworkSpec.DnsServerSpec(Cidr.parseIpv4(dnsAddress), Defaults.DNS_PORT)));
  }

  static NodeSpec node(
      String id, String hostname, Map<String, String> addresses, List<String> domains) {
    Map<String, InetAddress> parsed = new LinkedHashMap<>();
    addresses.forEach((network, address) -> parsed.put(network, Cidr.parseIpv4(address)));
    return new NodeSpec(
        id,
        id,
        NodeRole.MUNICIPALITY,
        hostname,
        parsed,
        Defaults.SMTP_PORT,
        new NodeSpec.DeliverySpec(DeliveryMode.MX, Optional.empty()),
        Map.of(),
        domains,
        List.of(),
        Defaults.IMAP_PORT,
        Defaults.POP3_PORT);
  }

  static RecordSpec record(String name, String type, String data, int line, String... views) {
    return new RecordSpec(name, type, data, Defaults.DNS_TTL_SECONDS, List.of(views), line);
  }

  static List<NetworkSpec> twoNetworks() {
    return List.of(
        network("lgwan", "127.10.0.0/16", "127.10.0.53"),
        network("internet", "127.20.0.0/16", "127.20.0.53"));
  }

  static List<NodeSpec> figure1Nodes() {
    return List.of(
        node("city-a", "mail.city-a.lg.jp", Map.of("lgwan", "127.10.1.1"), List.of("city-a.lg.jp")),
        node("relay", "relay.lgwan.jp", Map.of("lgwan", "127.10.0.10"), List.of()),
        node("town-b", "mail.town-b.lg.jp", Map.of("lgwan", "127.10.2.1"), List.of("town-b.lg.jp")),
        node("isp", "mx.isp.example", Map.of("internet", "127.20.0.25"), List.of("isp.example")),
        node(
            "gateway",
            "gw.lgwan.jp",
            orderedMap("lgwan", "127.10.0.20", "internet", "127.20.0.20"),
            List.of()));
  }

  static Topology figure1(List<RecordSpec> records) {
    return figure1(records, List.of());
  }

  static Topology figure1(List<RecordSpec> records, List<ZoneFileSpec> zoneFiles) {
    return new Topology(
        "test", "", twoNetworks(), figure1Nodes(), records, zoneFiles, QueueSettings.DEFAULTS);
  }

  private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
