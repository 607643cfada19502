package jp.lgwansim.sim.api;

import java.util.List;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/**
 * Checks the node, network and DNS view a request names against the topology, so that a typo gets a
 * 404 listing what exists instead of a failure deep inside.
 */
final class Targets {
  private final SimulationHandle sim;

  Targets(SimulationHandle sim) {
    this.sim = sim;
  }

  NodeSpec node(String id) throws ApiException {
    for (NodeSpec n : sim.topology().nodes()) {
      if (n.id().equals(id)) {
        return n;
      }
    }
    String known = String.join(", ", sim.topology().nodes().stream().map(NodeSpec::id).toList());
    throw new ApiException(
        404,
        Bilingual.of(
            "ノード " + id + " はありません。あるのは " + known + " です",
            "No node " + id + ". The nodes are " + known));
  }

  String network(NodeSpec node, String network) throws ApiException {
    if (node.addresses().containsKey(network)) {
      return network;
    }
    String known = String.join(", ", node.addresses().keySet());
    throw new ApiException(
        404,
        Bilingual.of(
            node.id() + " はネットワーク " + network + " につながっていません。つながっているのは " + known + " です",
            node.id() + " is not attached to network " + network + ". Its networks are " + known));
  }

  String view(String view) throws ApiException {
    List<String> known = List.copyOf(sim.dnsEndpoints().keySet());
    if (known.contains(view)) {
      return view;
    }
    throw new ApiException(
        404,
        Bilingual.of(
            "DNS ビュー " + view + " はありません。あるのは " + String.join(", ", known) + " です",
            "No DNS view " + view + ". The views are " + String.join(", ", known)));
  }
}
