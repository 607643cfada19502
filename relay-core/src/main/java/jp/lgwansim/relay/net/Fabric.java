package jp.lgwansim.relay.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.lgwansim.relay.topology.NetworkKind;
import jp.lgwansim.relay.topology.NetworkSpec;

/**
 * The wiring between simulated addresses and real sockets, shared by every node of a simulation.
 *
 * <p>On Linux every simulated address is a real loopback address, so the socket is the address
 * itself. Where the platform cannot bind extra loopback addresses, the simulation may register a
 * different real socket for a simulated one ({@link #place}); senders always go through {@link
 * #socketFor} so either works.
 */
public final class Fabric {
  private final Map<String, Cidr> networks;
  private final Map<String, NetworkKind> kinds;
  private final Map<InetSocketAddress, InetSocketAddress> placements = new ConcurrentHashMap<>();
  private final Map<InetAddress, String> owners = new ConcurrentHashMap<>();
  private final java.util.Set<Link> cutLinks = ConcurrentHashMap.newKeySet();

  /** A node's attachment to a network. */
  public record Link(String nodeId, String network) {}

  /**
   * @param networks the topology's networks, in topology order
   */
  public Fabric(List<NetworkSpec> networks) {
    this.networks = new LinkedHashMap<>();
    this.kinds = new LinkedHashMap<>();
    for (NetworkSpec n : networks) {
      this.networks.put(n.name(), n.cidr());
      this.kinds.put(n.name(), n.kind());
    }
  }

  /** What kind of network it is (LGWAN, the Internet...). */
  public NetworkKind kind(String network) {
    return kinds.getOrDefault(network, NetworkKind.LGWAN);
  }

  /** The network whose range holds {@code address}, if any. */
  public Optional<String> networkOf(InetAddress address) {
    return networks.entrySet().stream()
        .filter(e -> e.getValue().contains(address))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public Optional<Cidr> range(String network) {
    return Optional.ofNullable(networks.get(network));
  }

  /** Records that {@code simulated} actually listens at {@code real}. */
  public void place(InetSocketAddress simulated, InetSocketAddress real) {
    placements.put(simulated, real);
  }

  /** The real socket to connect to for a simulated address and port. */
  public InetSocketAddress socketFor(InetAddress address, int port) {
    InetSocketAddress simulated = new InetSocketAddress(address, port);
    return placements.getOrDefault(simulated, simulated);
  }

  /** Records which node owns an address, so traces can name the next node, not just its IP. */
  public void registerOwner(InetAddress address, String nodeId) {
    owners.put(address, nodeId);
  }

  public Optional<String> ownerOf(InetAddress address) {
    return Optional.ofNullable(owners.get(address));
  }

  /** Cuts a node's link to a network (fault injection): it can send nothing over it. */
  public void disconnect(String nodeId, String network) {
    cutLinks.add(new Link(nodeId, network));
  }

  /** Restores a link cut by {@link #disconnect}. */
  public void reconnect(String nodeId, String network) {
    cutLinks.remove(new Link(nodeId, network));
  }

  /** False while the node's link to the network is cut. */
  public boolean isConnected(String nodeId, String network) {
    return !cutLinks.contains(new Link(nodeId, network));
  }

  /** Every link cut now, sorted by node and network. */
  public java.util.List<Link> cutLinks() {
    return cutLinks.stream()
        .sorted(java.util.Comparator.comparing(Link::nodeId).thenComparing(Link::network))
        .toList();
  }
}
