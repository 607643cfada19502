package jp.lgwansim.relay.node;

import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.inbound.NodeFaults;
import jp.lgwansim.relay.net.Fabric;

/**
 * Every fault active in a cluster at one moment: what {@code lgwan-sim fault list} shows, and what
 * undoing "everything" has to undo.
 *
 * @param stoppedNodes ids of nodes stopped, in topology order
 * @param nodeFaults reply faults and latency per node id, only nodes that have some
 * @param cutLinks node-network links that are cut
 * @param dnsChanges records that differ from what the topology gave
 * @param stoppedDns views (network names) whose DNS server is stopped
 */
public record FaultState(
    List<String> stoppedNodes,
    Map<String, NodeFaults.Snapshot> nodeFaults,
    List<Fabric.Link> cutLinks,
    List<DnsChange> dnsChanges,
    List<String> stoppedDns) {

  public FaultState {
    stoppedNodes = List.copyOf(stoppedNodes);
    nodeFaults = Map.copyOf(nodeFaults);
    cutLinks = List.copyOf(cutLinks);
    dnsChanges = List.copyOf(dnsChanges);
    stoppedDns = List.copyOf(stoppedDns);
  }

  public boolean isEmpty() {
    return stoppedNodes.isEmpty()
        && nodeFaults.isEmpty()
        && cutLinks.isEmpty()
        && dnsChanges.isEmpty()
        && stoppedDns.isEmpty();
  }

  /**
   * One RRset of a view changed at run time.
   *
   * @param view the network whose DNS it is
   * @param name the owner name, absolute with its final dot
   * @param type e.g. {@code MX}
   * @param original the records the topology gave, in zone-file syntax (empty: none)
   * @param current the records now (empty: removed)
   */
  public record DnsChange(
      String view, String name, String type, List<String> original, List<String> current) {
    public DnsChange {
      original = List.copyOf(original);
      current = List.copyOf(current);
    }
  }
}
