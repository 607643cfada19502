package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.queue.QueueEntry;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code GET /api/queue[?node=ID]}: what the nodes hold (Postfix's mailq), every node in topology
 * order or one; {@code POST /api/queue/flush[?node=ID]}: retry deferred mail now (postqueue -f),
 * answered with {@code {"flushed":N}}.
 */
final class QueueRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  QueueRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  record Flushed(int flushed) {}

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    boolean list = path.equals("/api/queue") || path.equals("/api/queue/");
    boolean flush = path.equals("/api/queue/flush");
    if (!list && !flush) {
      return false;
    }
    ApiIo.requireMethod(exchange, list ? "GET" : "POST");
    List<String> nodes = nodes(ApiIo.query(exchange));
    if (list) {
      List<QueueDocument> result = new ArrayList<>();
      for (String id : nodes) {
        for (QueueEntry e : sim.control().queue(id)) {
          result.add(QueueDocument.of(id, e));
        }
      }
      io.respond(exchange, 200, result);
    } else {
      int n = 0;
      for (String id : nodes) {
        n += sim.control().flush(id);
      }
      io.respond(exchange, 200, new Flushed(n));
    }
    return true;
  }

  private List<String> nodes(Map<String, String> query) throws ApiException {
    String node = query.getOrDefault("node", "");
    if (!node.isEmpty()) {
      return List.of(targets.node(node).id());
    }
    return sim.topology().nodes().stream().map(NodeSpec::id).toList();
  }
}
