package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.inbound.NodeFaults;
import jp.lgwansim.relay.inbound.ReplyFault;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code POST /api/nodes/{id}/faults} with {@code {"stage","code","text"?,"fraction"?}} (a reply at
 * a stage) and/or {@code {"latencyMs"}} (a delay before every reply); {@code DELETE} clears both.
 */
final class ReplyFaultRoute implements ApiRoute {
  static final String EXAMPLE =
      "{\"stage\":\"rcpt\",\"code\":451,\"text\":\"4.3.0 try later\",\"fraction\":1.0}"
          + " / {\"latencyMs\":2000}";

  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  ReplyFaultRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    Optional<List<String>> s = ApiIo.segments(path, "/api/nodes/");
    if (s.isEmpty() || s.get().size() != 2 || !s.get().get(1).equals("faults")) {
      return false;
    }
    String method = ApiIo.requireMethod(exchange, "POST", "DELETE");
    String id = targets.node(s.get().get(0)).id();
    if (method.equals("DELETE")) {
      sim.control().clearFaults(id);
      io.done(
          exchange,
          Bilingual.of(
              id + " の応答の障害と遅延を解除しました", "Cleared the injected replies and latency of " + id));
      return true;
    }
    JsonNode body = io.readObject(exchange, EXAMPLE);
    Optional<ReplyFault> reply = reply(body);
    Optional<Duration> latency = latency(body);
    if (reply.isEmpty() && latency.isEmpty()) {
      throw ApiException.badRequest(
          "\"stage\" と \"code\" か \"latencyMs\" を指定してください: " + EXAMPLE,
          "Give \"stage\" and \"code\", or \"latencyMs\": " + EXAMPLE);
    }
    StringBuilder ja = new StringBuilder();
    StringBuilder en = new StringBuilder();
    if (reply.isPresent()) {
      ReplyFault f = reply.get();
      sim.control().setReplyFault(id, f);
      String share = f.fraction() >= 1 ? "" : " (" + Math.round(f.fraction() * 100) + "%)";
      ja.append(id).append(" は ").append(f.stage().name()).append(" に ").append(f.reply());
      ja.append(" と応答します").append(share);
      en.append(id).append(" will answer ").append(f.stage().name()).append(" with ");
      en.append(f.reply()).append(share);
    }
    if (latency.isPresent()) {
      sim.control().setLatency(id, latency.get());
      if (ja.length() > 0) {
        ja.append("。");
        en.append("; ");
      }
      ja.append(id).append(" の応答を ").append(latency.get().toMillis()).append(" ミリ秒遅らせます");
      en.append(id)
          .append(" delays every reply by ")
          .append(latency.get().toMillis())
          .append(" ms");
    }
    io.done(exchange, Bilingual.of(ja.toString(), en.toString()));
    return true;
  }

  /** Parses and checks the reply part; empty when the body has no stage and no code. */
  static Optional<ReplyFault> reply(JsonNode body) throws ApiException {
    if (!body.has("stage") && !body.has("code")) {
      return Optional.empty();
    }
    String stageName = body.path("stage").asText("");
    ReplyFault.Stage stage =
        ReplyFault.Stage.parse(stageName)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "\"stage\" は connect, mail, rcpt, data のどれかです (指定: " + stageName + ")",
                        "\"stage\" must be one of connect, mail, rcpt, data (got: "
                            + stageName
                            + ")"));
    JsonNode code = body.path("code");
    if (!code.canConvertToInt()
        || !code.isIntegralNumber()
        || !ReplyFault.isValidCode(code.asInt())) {
      throw ApiException.badRequest(
          "\"code\" は 4xx か 5xx の3桁の応答コードにしてください (例 451, 550): " + code,
          "\"code\" must be a three-digit 4xx or 5xx reply code (e.g. 451, 550): " + code);
    }
    double fraction = 1.0;
    if (body.has("fraction")) {
      JsonNode f = body.get("fraction");
      if (!f.isNumber() || !(f.asDouble() >= 0 && f.asDouble() <= 1)) {
        throw ApiException.badRequest(
            "\"fraction\" は 0 から 1 の数にしてください (1 = すべてのメール): " + f,
            "\"fraction\" must be a number from 0 to 1 (1 = every message): " + f);
      }
      fraction = f.asDouble();
    }
    String text = body.path("text").asText("");
    if (text.contains("\r") || text.contains("\n")) {
      throw ApiException.badRequest("\"text\" は1行にしてください", "\"text\" must be one line");
    }
    return Optional.of(new ReplyFault(stage, code.asInt(), text, fraction));
  }

  static Optional<Duration> latency(JsonNode body) throws ApiException {
    if (!body.has("latencyMs")) {
      return Optional.empty();
    }
    JsonNode ms = body.get("latencyMs");
    long max = NodeFaults.MAX_LATENCY.toMillis();
    if (!ms.isIntegralNumber() || ms.asLong() < 0 || ms.asLong() > max) {
      throw ApiException.badRequest(
          "\"latencyMs\" は 0 から " + max + " のミリ秒にしてください: " + ms,
          "\"latencyMs\" must be milliseconds from 0 to " + max + ": " + ms);
    }
    return Optional.of(Duration.ofMillis(ms.asLong()));
  }
}
