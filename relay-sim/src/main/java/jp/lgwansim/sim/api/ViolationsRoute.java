package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code GET /api/violations}: mail between LG.JP / GO.JP parties that crossed the Internet, as
 * trace events (empty in a sound topology).
 */
final class ViolationsRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;

  ViolationsRoute(SimulationHandle sim, ApiIo io) {
    this.sim = sim;
    this.io = io;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    if (!path.equals("/api/violations")) {
      return false;
    }
    ApiIo.requireMethod(exchange, "GET");
    io.respond(exchange, 200, sim.violations().stream().map(EventDocument::of).toList());
    return true;
  }
}
