package jp.lgwansim.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.sim.SimulationHandle;

/**
 * The JSON of {@code GET /api/topology}: the topology with the endpoints where its listeners really
 * are (asked of the simulation, never read from the file, as they may differ on macOS). Beyond the
 * documented shape it carries {@code description} and the {@code label}s of networks and nodes (A市,
 * LGWAN), which the CLI prints, and each node's {@code transport} entries, which the dashboard
 * draws as fixed routes. A node's {@code delivery} is what it does now (a trainer may have switched
 * it).
 */
public record TopologyDocument(
    String name,
    String description,
    List<Network> networks,
    List<Node> nodes,
    List<Dns> dns,
    @JsonInclude(JsonInclude.Include.NON_NULL) Whois whois) {

  public record Network(String name, String label, String cidr) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Node(
      String id,
      String label,
      String role,
      String hostname,
      Delivery delivery,
      Map<String, String> transport,
      List<String> domains,
      List<Smtp> smtp,
      List<Mailbox> mailboxes,
      Endpoint imap,
      Endpoint pop3) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Delivery(String mode, String smarthost) {}

  public record Smtp(String network, String host, int port) {}

  public record Mailbox(String address, String password) {}

  public record Endpoint(String host, int port) {}

  public record Dns(String view, String host, int port) {}

  /**
   * The WHOIS server (RFC 3912), and the network whose DNS resolves through the registry's
   * delegations (null when none).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Whois(String host, int port, String network) {}

  public static TopologyDocument of(SimulationHandle sim) {
    Topology t = sim.topology();
    List<Network> networks = new ArrayList<>();
    for (NetworkSpec n : t.networks()) {
      networks.add(new Network(n.name(), n.label(), n.cidr().toString()));
    }
    List<Node> nodes = new ArrayList<>();
    for (NodeSpec n : t.nodes()) {
      List<Smtp> smtp = new ArrayList<>();
      for (String network : n.addresses().keySet()) {
        InetSocketAddress a = sim.smtpEndpoint(n.id(), network);
        smtp.add(new Smtp(network, host(a), a.getPort()));
      }
      List<Mailbox> mailboxes = new ArrayList<>();
      for (NodeSpec.MailboxSpec m : n.mailboxes()) {
        mailboxes.add(new Mailbox(m.address(), m.password()));
      }
      nodes.add(
          new Node(
              n.id(),
              n.label(),
              n.role().yamlName(),
              n.hostname(),
              delivery(sim.delivery(n.id())),
              n.transport(),
              n.domains(),
              smtp,
              mailboxes,
              endpoint(sim.imapEndpoint(n.id())),
              endpoint(sim.pop3Endpoint(n.id()))));
    }
    List<Dns> dns = new ArrayList<>();
    for (Map.Entry<String, InetSocketAddress> e : sim.dnsEndpoints().entrySet()) {
      dns.add(new Dns(e.getKey(), host(e.getValue()), e.getValue().getPort()));
    }
    Whois whois =
        sim.registry()
            .map(
                r ->
                    new Whois(
                        host(r.whoisEndpoint()),
                        r.whoisEndpoint().getPort(),
                        r.registry().network().orElse(null)))
            .orElse(null);
    return new TopologyDocument(t.name(), t.description(), networks, nodes, dns, whois);
  }

  /** What the node does now (a trainer may have switched it), not what the file said. */
  private static Delivery delivery(NodeSpec.DeliverySpec d) {
    return new Delivery(d.mode().yamlName(), d.smarthost().orElse(null));
  }

  private static Endpoint endpoint(Optional<InetSocketAddress> address) {
    return address.map(a -> new Endpoint(host(a), a.getPort())).orElse(null);
  }

  /** The literal address: never a name, so no lookup and what the user types into a client. */
  private static String host(InetSocketAddress a) {
    return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
  }
}
