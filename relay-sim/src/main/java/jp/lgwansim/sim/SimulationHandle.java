package jp.lgwansim.sim;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceBus;

/**
 * What the HTTP API and the CLI see of a running simulation: its topology, where each listener
 * really is, and its trace. (Where the platform cannot bind extra loopback addresses, listeners may
 * sit on 127.0.0.1 with other ports, so always ask here instead of reading the topology.)
 */
public interface SimulationHandle {

  Topology topology();

  /** Every step of every node. */
  TraceBus trace();

  /** Where node {@code nodeId}'s SMTP listener on {@code network} really listens. */
  InetSocketAddress smtpEndpoint(String nodeId, String network);

  /** The node's IMAP listener, if it has mailboxes. */
  Optional<InetSocketAddress> imapEndpoint(String nodeId);

  /** The node's POP3 listener, if it has mailboxes. */
  Optional<InetSocketAddress> pop3Endpoint(String nodeId);

  /**
   * How the node delivers foreign mail now: the topology's mode until a trainer switches it with
   * {@link SimulationControl#setDelivery}.
   */
  default NodeSpec.DeliverySpec delivery(String nodeId) {
    return topology().nodes().stream()
        .filter(n -> n.id().equals(nodeId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId))
        .delivery();
  }

  /** The DNS server of each view (network name to its UDP/TCP address), in topology order. */
  Map<String, InetSocketAddress> dnsEndpoints();

  /**
   * The registry side (WHOIS, the governments' own DNS servers, delegations), when the simulation
   * runs one.
   */
  default Optional<jp.lgwansim.sim.registry.RegistryServices> registry() {
    return Optional.empty();
  }

  /** Fault injection and the queues of the nodes. */
  SimulationControl control();

  /**
   * Mail between LG.JP / GO.JP parties whose route crossed an Internet network: the article's rule
   * broken. Empty in a sound topology.
   */
  default java.util.List<jp.lgwansim.relay.trace.TraceEvent> violations() {
    return java.util.List.of();
  }
}
