package jp.lgwansim.sim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.inbound.NodeFaults;
import jp.lgwansim.relay.node.FaultState;

/**
 * {@code GET /api/faults}: every fault active now.
 *
 * @param stoppedNodes ids of stopped nodes
 * @param nodes reply faults and latency, per node that has some
 * @param cutLinks links cut, {@code {"node","network"}}
 * @param dnsChanges records that differ from the topology's
 * @param stoppedDns views whose DNS server is stopped
 */
record FaultsDocument(
    List<String> stoppedNodes,
    List<NodeFaultsDocument> nodes,
    List<LinkDocument> cutLinks,
    List<FaultState.DnsChange> dnsChanges,
    List<String> stoppedDns) {

  record NodeFaultsDocument(String node, List<ReplyDocument> replies, long latencyMs) {}

  record ReplyDocument(String stage, int code, String text, double fraction) {}

  record LinkDocument(String node, String network) {}

  static FaultsDocument of(FaultState state) {
    List<NodeFaultsDocument> nodes = new ArrayList<>();
    for (Map.Entry<String, NodeFaults.Snapshot> e : state.nodeFaults().entrySet()) {
      nodes.add(
          new NodeFaultsDocument(
              e.getKey(),
              e.getValue().replies().stream()
                  .map(
                      r -> new ReplyDocument(r.stage().apiName(), r.code(), r.text(), r.fraction()))
                  .toList(),
              e.getValue().latency().toMillis()));
    }
    return new FaultsDocument(
        state.stoppedNodes(),
        nodes,
        state.cutLinks().stream().map(l -> new LinkDocument(l.nodeId(), l.network())).toList(),
        state.dnsChanges(),
        state.stoppedDns());
  }
}
