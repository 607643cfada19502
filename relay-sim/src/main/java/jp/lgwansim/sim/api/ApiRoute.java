package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One group of API paths behind {@link ApiServer}: answers a request if the path is its own. */
interface ApiRoute {

  /**
   * @return false when the path is not one of this route's (the server tries the next one)
   * @throws ApiException for a request the route refuses; the server answers it as JSON
   */
  boolean handle(HttpExchange exchange, String path) throws ApiException, IOException;
}
