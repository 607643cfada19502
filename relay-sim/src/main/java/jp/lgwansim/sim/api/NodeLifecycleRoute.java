package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code POST /api/nodes/{id}/stop} and {@code /start}: the server is down, then back. A stopped
 * node refuses connections and keeps its queue in its spool; a started one resumes it.
 */
final class NodeLifecycleRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  NodeLifecycleRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    Optional<List<String>> s = ApiIo.segments(path, "/api/nodes/");
    if (s.isEmpty()
        || s.get().size() != 2
        || !(s.get().get(1).equals("stop") || s.get().get(1).equals("start"))) {
      return false;
    }
    ApiIo.requireMethod(exchange, "POST");
    String id = targets.node(s.get().get(0)).id();
    if (s.get().get(1).equals("stop")) {
      sim.control().stopNode(id);
      io.done(
          exchange,
          Bilingual.of(
              id + " を停止しました。接続は拒否され、キューのメールはスプールに残ります",
              "Stopped " + id + ": connections are refused; its queued mail stays in its spool"));
      return true;
    }
    try {
      sim.control().startNode(id);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(
          503,
          Bilingual.of(
              id + " を起動できません: " + e.getMessage(), "Cannot start " + id + ": " + e.getMessage()),
          e);
    }
    int queued = sim.control().queue(id).size();
    io.done(
        exchange,
        Bilingual.of(
            id + " を起動しました。キューの " + queued + " 通の配送を再開します",
            "Started " + id + "; it resumes the " + queued + " queued messages"));
    return true;
  }
}
