package jp.lgwansim.sim.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API of a running simulation, HTTP + JSON on the JDK's HTTP server:
 *
 * <pre>
 * GET  /api/topology        the topology with the real endpoints        {@link TopologyDocument}
 * GET  /api/messages        every tracked message, oldest first         {@link MessageDocument}
 * GET  /api/messages/{id}   one message by id or Message-ID, with events
 * POST /api/send            {"from","to":[..],"subject","body"} → {"id","messageId","node"}
 * GET  /api/events          the trace as Server-Sent Events             {@link EventStream}
 * GET  /api/queue[?node=ID], POST /api/queue/flush[?node=ID]           {@link QueueRoute}
 * GET|DELETE /api/faults    every active fault; undo them all          {@link FaultListRoute}
 * POST /api/nodes/{id}/stop|start                                      {@link NodeLifecycleRoute}
 * POST|DELETE /api/nodes/{id}/faults   reply faults and latency        {@link ReplyFaultRoute}
 * POST /api/nodes/{id}/networks/{network}/disconnect|connect           {@link LinkRoute}
 * POST|PUT|DELETE /api/dns/{view}/records, DELETE /api/dns/{view}/changes,
 * POST /api/dns/{view}/stop|start                                      {@link DnsFaultRoute}
 * GET /api/registry, POST /api/registry/ns-change                      {@link RegistryRoute}
 * GET|PUT /api/nodes/{id}/delivery   MX or Static (smarthost)          {@link DeliveryRoute}
 * GET /api/mailboxes[/{address}/messages[/{n}]]                       {@link MailboxRoute}
 * GET /, /web/...   the dashboard                                     {@link DashboardRoute}
 * </pre>
 *
 * Every error is {@code {"error":{"ja","en"}}} with a fitting status; an unexpected failure is
 * logged here and the client gets a 500 without a stack trace.
 *
 * <p>Requests run on a cached pool of daemon threads: ordinary requests are short, and each
 * event-stream client holds one thread for its lifetime (their number is capped by {@link
 * ApiOptions#maxEventClients()}).
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** Largest request body read: a mail typed into the dashboard, with room to spare. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final String MESSAGES_PREFIX = "/api/messages/";

  private final SimulationHandle sim;
  private final HttpServer http;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final MessageTracker tracker;
  private final MessageSubmitter submitter;
  private final EventStream events;
  private final List<ApiRoute> routes;

  private ApiServer(SimulationHandle sim, ApiOptions options) throws IOException {
    this.sim = sim;
    this.tracker = new MessageTracker(sim.trace(), options.trackerCapacity());
    this.submitter = new MessageSubmitter(sim, options.submitTimeout());
    this.events =
        new EventStream(
            sim.trace(),
            json,
            options.heartbeat(),
            options.eventBufferPerClient(),
            options.maxEventClients());
    ApiIo io = new ApiIo(json);
    Targets targets = new Targets(sim);
    this.routes =
        List.of(
            new QueueRoute(sim, io, targets),
            new FaultListRoute(sim, io),
            new NodeLifecycleRoute(sim, io, targets),
            new ReplyFaultRoute(sim, io, targets),
            new LinkRoute(sim, io, targets),
            new DnsFaultRoute(sim, io, targets),
            new ViolationsRoute(sim, io),
            new RegistryRoute(sim, io),
            new DeliveryRoute(sim, io, targets),
            new MailboxRoute(sim, io),
            new DashboardRoute());
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "lgwan-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      this.http =
          HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 0);
    } catch (IOException e) {
      tracker.close();
      events.close();
      executor.shutdownNow();
      throw e;
    }
    http.setExecutor(executor);
    http.createContext("/", this::handle);
  }

  /**
   * Starts serving.
   *
   * @throws java.net.BindException when the port is taken
   */
  public static ApiServer start(SimulationHandle sim, ApiOptions options) throws IOException {
    ApiServer server = new ApiServer(sim, options);
    server.http.start();
    return server;
  }

  /** Where it really listens (the port chosen, when 0 was asked). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://127.0.0.1:8025} or wherever it listens. */
  public URI uri() {
    InetSocketAddress a = address();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  public MessageTracker tracker() {
    return tracker;
  }

  /** Event-stream clients connected now. */
  public int eventClients() {
    return events.clientCount();
  }

  @Override
  public void close() {
    events.close();
    http.stop(0);
    executor.shutdownNow();
    tracker.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (ApiException e) {
      respondError(exchange, e.status(), e.error());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respondError(exchange, 503, Bilingual.of("API を停止しています", "The API is shutting down"));
    } catch (IOException e) {
      // The client went away in the middle; nothing to answer.
      exchange.close();
    } catch (RuntimeException e) {
      log.error(
          "API request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      respondError(
          exchange,
          500,
          Bilingual.of(
              "内部エラーです。lgwan-sim run のログを見てください", "Internal error; see the log of lgwan-sim run"));
    }
  }

  private void route(HttpExchange exchange) throws ApiException, IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/api/topology")) {
      requireMethod(exchange, "GET");
      respond(exchange, 200, TopologyDocument.of(sim));
    } else if (path.equals("/api/messages") || path.equals("/api/messages/")) {
      requireMethod(exchange, "GET");
      List<MessageDocument> list = new ArrayList<>();
      for (TrackedMessage m : tracker.messages()) {
        list.add(MessageDocument.summary(m));
      }
      respond(exchange, 200, list);
    } else if (path.startsWith(MESSAGES_PREFIX)) {
      requireMethod(exchange, "GET");
      String id = path.substring(MESSAGES_PREFIX.length());
      TrackedMessage m =
          tracker
              .find(id)
              .orElseThrow(
                  () ->
                      new ApiException(
                          404,
                          Bilingual.of(
                              "メッセージ " + id + " は見つかりません (ID か Message-ID を指定してください)",
                              "No message " + id + " (give its id or its Message-ID)")));
      respond(exchange, 200, MessageDocument.detail(m));
    } else if (path.equals("/api/send")) {
      requireMethod(exchange, "POST");
      SendRequest request = SendRequest.parse(readJson(exchange));
      respond(exchange, 200, submitter.submit(request));
    } else if (path.equals("/api/events")) {
      requireMethod(exchange, "GET");
      events.serve(exchange);
    } else {
      for (ApiRoute r : routes) {
        if (r.handle(exchange, path)) {
          return;
        }
      }
      String paths =
          "/api/topology, /api/messages, /api/send, /api/events, /api/queue, /api/faults,"
              + " /api/nodes/{id}/..., /api/dns/{view}/...";
      throw new ApiException(
          404,
          Bilingual.of(
              path + " はありません。" + paths + " があります",
              "No such path: " + path + ". There are " + paths));
    }
  }

  private static void requireMethod(HttpExchange exchange, String method) throws ApiException {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new ApiException(
          405,
          Bilingual.of(
              exchange.getRequestURI().getPath() + " は " + method + " で呼んでください",
              "Use " + method + " for " + exchange.getRequestURI().getPath()));
    }
  }

  private JsonNode readJson(HttpExchange exchange) throws ApiException, IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(
          413,
          Bilingual.of(
              "本文が大きすぎます (上限 " + MAX_BODY_BYTES + " バイト)",
              "The body is too large (limit " + MAX_BODY_BYTES + " bytes)"));
    }
    if (body.length == 0) {
      throw ApiException.badRequest(
          "本文が空です。JSON {\"from\",\"to\":[..],\"subject\",\"body\"} を送ってください",
          "The body is empty. Send JSON {\"from\",\"to\":[..],\"subject\",\"body\"}");
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw ApiException.badRequest(
          "本文を JSON として読めません" + where, "The body is not valid JSON" + where);
    }
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void respondError(HttpExchange exchange, int status, Bilingual error) {
    try {
      respond(exchange, status, new ErrorDocument(error));
    } catch (IOException | RuntimeException e) {
      // The headers were sent already (a stream) or the client is gone: just close.
      exchange.close();
    }
  }

  /** {@code {"error":{"ja","en"}}}. */
  record ErrorDocument(Bilingual error) {}
}
