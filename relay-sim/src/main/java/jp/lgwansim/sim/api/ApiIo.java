package jp.lgwansim.sim.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;

/** Reading and writing JSON over one exchange, shared by the routes of the control API. */
final class ApiIo {
  private final ObjectMapper json;

  ApiIo(ObjectMapper json) {
    this.json = json;
  }

  void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code {"message":{"ja","en"}}}: what a control request did, for the CLI to print. */
  void done(HttpExchange exchange, Bilingual message) throws IOException {
    respond(exchange, 200, new Done(message));
  }

  record Done(Bilingual message) {}

  /** Refuses any method but those given, with 405 and an Allow header. */
  static String requireMethod(HttpExchange exchange, String... allowed) throws ApiException {
    String method = exchange.getRequestMethod();
    for (String a : allowed) {
      if (a.equals(method)) {
        return method;
      }
    }
    String list = String.join(", ", allowed);
    exchange.getResponseHeaders().set("Allow", list);
    throw new ApiException(
        405,
        Bilingual.of(
            exchange.getRequestURI().getPath() + " は " + list + " で呼んでください",
            "Use " + list + " for " + exchange.getRequestURI().getPath()));
  }

  /** The JSON body, which must be an object; {@code example} shows what to send when it is not. */
  JsonNode readObject(HttpExchange exchange, String example) throws ApiException, IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(ApiServer.MAX_BODY_BYTES + 1);
    }
    if (body.length > ApiServer.MAX_BODY_BYTES) {
      throw new ApiException(
          413,
          Bilingual.of(
              "本文が大きすぎます (上限 " + ApiServer.MAX_BODY_BYTES + " バイト)",
              "The body is too large (limit " + ApiServer.MAX_BODY_BYTES + " bytes)"));
    }
    if (body.length == 0) {
      throw ApiException.badRequest(
          "本文が空です。JSON " + example + " を送ってください", "The body is empty. Send JSON " + example);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw ApiException.badRequest(
          "本文を JSON として読めません" + where, "The body is not valid JSON" + where);
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(
          "本文は JSON オブジェクト " + example + " にしてください", "The body must be a JSON object " + example);
    }
    return node;
  }

  /** The decoded query parameters (the first of each name). */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> result = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.putIfAbsent(name, value);
    }
    return result;
  }

  /** The path below {@code prefix} split at "/", e.g. {@code [city-a, stop]}. */
  static Optional<List<String>> segments(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = path.substring(prefix.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    return Optional.of(rest.isEmpty() ? List.of() : List.of(rest.split("/", -1)));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
