package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code POST /api/nodes/{id}/networks/{network}/disconnect} and {@code /connect}: a node's link to
 * one network goes down (it can neither send nor receive there) and comes back.
 */
final class LinkRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  LinkRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    Optional<List<String>> s = ApiIo.segments(path, "/api/nodes/");
    if (s.isEmpty() || s.get().size() != 4 || !s.get().get(1).equals("networks")) {
      return false;
    }
    String action = s.get().get(3);
    if (!action.equals("disconnect") && !action.equals("connect")) {
      return false;
    }
    ApiIo.requireMethod(exchange, "POST");
    NodeSpec node = targets.node(s.get().get(0));
    String network = targets.network(node, s.get().get(2));
    if (action.equals("disconnect")) {
      sim.control().disconnect(node.id(), network);
      io.done(
          exchange,
          Bilingual.of(
              node.id() + " を " + network + " から切り離しました。このネットワークでは送受信できません",
              "Cut " + node.id() + " off " + network + ": it can neither send nor receive there"));
    } else {
      sim.control().connect(node.id(), network);
      io.done(
          exchange,
          Bilingual.of(
              node.id() + " を " + network + " に再接続しました",
              "Reconnected " + node.id() + " to " + network));
    }
    return true;
  }
}
