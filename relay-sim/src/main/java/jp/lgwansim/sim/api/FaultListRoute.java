package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/** {@code GET /api/faults} lists every active fault; {@code DELETE /api/faults} undoes them all. */
final class FaultListRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;

  FaultListRoute(SimulationHandle sim, ApiIo io) {
    this.sim = sim;
    this.io = io;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    if (!path.equals("/api/faults") && !path.equals("/api/faults/")) {
      return false;
    }
    if (ApiIo.requireMethod(exchange, "GET", "DELETE").equals("GET")) {
      io.respond(exchange, 200, FaultsDocument.of(sim.control().faults()));
      return true;
    }
    try {
      sim.control().clearAllFaults();
    } catch (IOException e) {
      throw new ApiException(
          503,
          Bilingual.of(
              "障害をすべては解除できませんでした: " + e.getMessage(),
              "Could not undo every fault: " + e.getMessage()),
          e);
    }
    io.done(exchange, Bilingual.of("すべての障害を解除しました", "Undid every fault"));
    return true;
  }
}
