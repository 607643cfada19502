package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * The CLI's side of the control API (java.net.http + Jackson). Every failure becomes a {@link
 * CliFailure} a user can act on: nothing listening means no simulation runs, and the user is told
 * how to start one.
 */
final class ApiClient {
  static final String START_COMMAND = "./lgwan-sim run topologies/figure1-mx.yaml";

  /** A request to a local API: anything slower than this means the simulation is stuck. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String host;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param host the API's address as a literal (127.0.0.1 unless the simulation is shared on a LAN
   *     with --http-bind)
   */
  ApiClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  ObjectMapper json() {
    return json;
  }

  JsonNode get(String path) {
    return sendJson(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  JsonNode post(String path, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a request body always serialises", e);
    }
    return sendJson(
        HttpRequest.newBuilder(uri(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  JsonNode put(String path, Object body) {
    return sendJson(
        HttpRequest.newBuilder(uri(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
            .build());
  }

  JsonNode delete(String path) {
    return sendJson(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).DELETE().build());
  }

  JsonNode get(String path, java.util.Map<String, String> query) {
    return sendJson(
        HttpRequest.newBuilder(uri(path, query)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  JsonNode post(String path, java.util.Map<String, String> query, Object body) {
    return sendJson(
        HttpRequest.newBuilder(uri(path, query))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
            .build());
  }

  JsonNode delete(String path, java.util.Map<String, String> query) {
    return sendJson(
        HttpRequest.newBuilder(uri(path, query)).timeout(REQUEST_TIMEOUT).DELETE().build());
  }

  /** The path, then the query with its values quoted as needed (DNS names may hold anything). */
  private URI uri(String path, java.util.Map<String, String> query) {
    StringBuilder q = new StringBuilder();
    query.forEach(
        (k, v) -> {
          q.append(q.length() == 0 ? "?" : "&");
          q.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8));
          q.append('=');
          q.append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
    return URI.create(uri(path).toASCIIString() + q);
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a request body always serialises", e);
    }
  }

  /**
   * Opens {@code /api/events}; returns once the server has answered, so that every event from now
   * on is in the stream. Closing the stream closes the connection.
   */
  Stream<String> events() {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/events")).header("Accept", "text/event-stream").build();
    HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw CliFailure.of(
          "イベントストリームを開けません (HTTP " + response.statusCode() + ")",
          "Cannot open the event stream (HTTP " + response.statusCode() + ")");
    }
    return response.body();
  }

  private JsonNode sendJson(HttpRequest request) {
    HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (IOException e) {
      throw CliFailure.of(
          "API の応答を読めません (HTTP " + response.statusCode() + ")。ポートは lgwan-sim のものですか",
          "Cannot read the API's answer (HTTP "
              + response.statusCode()
              + "). Is this port lgwan-sim's?");
    }
    if (response.statusCode() / 100 != 2) {
      JsonNode error = body == null ? null : body.get("error");
      if (error != null && error.hasNonNull("ja") && error.hasNonNull("en")) {
        throw new CliFailure(Bilingual.of(error.get("ja").asText(), error.get("en").asText()));
      }
      throw CliFailure.of(
          "API がエラーを返しました (HTTP " + response.statusCode() + ")",
          "The API answered with an error (HTTP " + response.statusCode() + ")");
    }
    return body;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw notRunning();
    } catch (HttpTimeoutException e) {
      throw CliFailure.of(
          "API (ポート " + port + ") が時間内に応答しません",
          "The API on port " + port + " did not answer in time");
    } catch (IOException e) {
      throw CliFailure.of(
          "API (ポート " + port + ") と通信できません: " + e.getMessage(),
          "Cannot talk to the API on port " + port + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.of("中断されました", "Interrupted");
    }
  }

  private CliFailure notRunning() {
    return CliFailure.of(
        "ポート "
            + port
            + " で動いているシミュレーションがありません。"
            + START_COMMAND
            + " で起動してください (別のポートなら --http-port)",
        "No simulation is running on port "
            + port
            + ". Start one with "
            + START_COMMAND
            + " (or give its --http-port)");
  }

  /** Quotes what a path may not hold (a Message-ID may contain almost anything). */
  private URI uri(String path) {
    try {
      return new URI("http", null, host, port, path, null, null);
    } catch (URISyntaxException e) {
      throw CliFailure.of("正しくない指定です: " + path, "Not a valid request: " + path);
    }
  }
}
