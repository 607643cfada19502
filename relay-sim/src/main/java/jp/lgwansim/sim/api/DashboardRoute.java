package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * The trainer's dashboard: {@code GET /} and the static files under {@code /web/}, served from the
 * {@code web/} folder inside the jar (plain HTML, CSS and JavaScript modules; no build step). Every
 * action of the page calls the same {@code /api/...} routes as the CLI.
 *
 * <p>Only names of letters, digits, dots, dashes and underscores in known file types are served, so
 * no request can reach outside {@code web/}. Files are sent with {@code no-cache}: a trainer who
 * upgrades the jar sees the new page at once.
 */
final class DashboardRoute implements ApiRoute {
  private static final String ROOT = "web/";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    String file;
    if (path.equals("/") || path.equals("/index.html")) {
      file = "index.html";
    } else if (path.equals("/favicon.ico")) {
      file = "favicon.svg";
    } else if (path.startsWith("/web/")) {
      file = path.substring("/web/".length());
    } else {
      return false;
    }
    ApiIo.requireMethod(exchange, "GET", "HEAD");
    String type = type(file);
    InputStream in =
        type == null
            ? null
            : DashboardRoute.class.getClassLoader().getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new ApiException(
          404,
          Bilingual.of(
              path + " はありません。ダッシュボードは / にあります",
              "No such file: " + path + ". The dashboard is at /"));
    }
    byte[] bytes;
    try (in) {
      bytes = in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
    return true;
  }

  /** The content type of a safe file name, or null for anything else. */
  private static String type(String file) {
    if (!file.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z]+")) {
      return null;
    }
    return TYPES.get(file.substring(file.lastIndexOf('.') + 1));
  }
}
