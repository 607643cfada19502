package jp.lgwansim.relay.support;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkKind;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeRole;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.NodeSpec.DeliverySpec;
import jp.lgwansim.relay.topology.NodeSpec.MailboxSpec;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.Topology;

/** Small topologies for tests: one network {@code lgwan} on a fresh loopback range, with DNS. */
public final class TopologyBuilder {
  public static final String NETWORK = "lgwan";

  private final TestNet net = TestNet.fresh();
  private final List<NodeSpec> nodes = new ArrayList<>();
  private final List<RecordSpec> records = new ArrayList<>();
  private int nextHost = 1;

  /** Retries quickly, so tests of deferral do not wait long; still real timers. */
  private QueueSettings queue =
      QueueSettings.DEFAULTS.withBackoff(
          Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5));

  private NetworkKind kind = NetworkKind.LGWAN;

  /** Makes the one network another kind (e.g. the Internet). */
  public TopologyBuilder kind(NetworkKind networkKind) {
    this.kind = networkKind;
    return this;
  }

  public TopologyBuilder queue(QueueSettings settings) {
    this.queue = settings;
    return this;
  }

  public TestNet net() {
    return net;
  }

  public InetAddress dnsAddress() {
    return net.address(0, 53);
  }

  /** A node that relays by MX and is final for {@code domains} with one mailbox each. */
  public TopologyBuilder mxNode(String id, String hostname, String... domains) {
    return node(
        id, hostname, new DeliverySpec(DeliveryMode.MX, Optional.empty()), Map.of(), domains);
  }

  public TopologyBuilder staticNode(
      String id, String hostname, String smarthost, String... domains) {
    return node(
        id,
        hostname,
        new DeliverySpec(DeliveryMode.STATIC, Optional.of(smarthost)),
        Map.of(),
        domains);
  }

  public TopologyBuilder node(
      String id,
      String hostname,
      DeliverySpec delivery,
      Map<String, String> transport,
      String... domains) {
    List<MailboxSpec> mailboxes = new ArrayList<>();
    for (String d : domains) {
      mailboxes.add(new MailboxSpec("user@" + d, "pass-" + d));
    }
    Map<String, InetAddress> addresses = new LinkedHashMap<>();
    addresses.put(NETWORK, net.address(1, nextHost++));
    nodes.add(
        new NodeSpec(
            id,
            id,
            NodeRole.LGWAN_RELAY,
            hostname,
            addresses,
            Defaults.SMTP_PORT,
            delivery,
            transport,
            List.of(domains),
            mailboxes,
            Defaults.IMAP_PORT,
            Defaults.POP3_PORT));
    return this;
  }

  /**
   * An explicit record in zone-file syntax, e.g. {@code record("b.lg.jp", "MX", "10 r.lgwan.jp.")}.
   */
  public TopologyBuilder record(String name, String type, String data) {
    records.add(new RecordSpec(name, type, data, Defaults.DNS_TTL_SECONDS, List.of(), 0));
    return this;
  }

  public InetAddress addressOf(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow().primaryAddress();
  }

  public Topology build() {
    NetworkSpec lgwan =
        new NetworkSpec(
            NETWORK,
            "LGWAN",
            net.cidr(),
            Optional.of(new NetworkSpec.DnsServerSpec(dnsAddress(), Defaults.DNS_PORT)),
            kind);
    return new Topology("test", "", List.of(lgwan), nodes, records, List.of(), queue);
  }
}
