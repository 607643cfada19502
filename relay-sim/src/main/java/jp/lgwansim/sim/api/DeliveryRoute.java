package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.routing.NextHopSpec;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;

/**
 * {@code PUT /api/nodes/{id}/delivery} with {@code {"mode":"mx"}} or {@code
 * {"mode":"static","smarthost":"[smtp.poi.lgwan.jp]"}}: switches a node between MX and Static
 * delivery while it runs (the article's two ways of picking the next hop); {@code GET} answers what
 * it does now. The next message the node routes takes the new path.
 */
final class DeliveryRoute implements ApiRoute {
  static final String EXAMPLE =
      "{\"mode\":\"mx\"} / {\"mode\":\"static\",\"smarthost\":\"[smtp.poi.lgwan.jp]\"}";

  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  DeliveryRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  /** {@code {"mode","smarthost"?}}, as in the topology file. */
  record DeliveryDocument(String mode, String smarthost) {}

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    Optional<List<String>> s = ApiIo.segments(path, "/api/nodes/");
    if (s.isEmpty() || s.get().size() != 2 || !s.get().get(1).equals("delivery")) {
      return false;
    }
    String method = ApiIo.requireMethod(exchange, "GET", "PUT");
    String id = targets.node(s.get().get(0)).id();
    if (method.equals("GET")) {
      NodeSpec.DeliverySpec d = sim.delivery(id);
      io.respond(
          exchange, 200, new DeliveryDocument(d.mode().yamlName(), d.smarthost().orElse(null)));
      return true;
    }
    NodeSpec.DeliverySpec wanted = parse(io.readObject(exchange, EXAMPLE));
    sim.control().setDelivery(id, wanted);
    io.done(
        exchange,
        wanted.mode() == DeliveryMode.MX
            ? Bilingual.of(
                id + " を MX配送方式にしました。次のメールから宛先ドメインの MX を DNS で引いて送ります",
                id
                    + " now delivers by MX: from the next mail on, it looks up the recipient domain's MX")
            : Bilingual.of(
                id
                    + " を Static配送方式にしました。次のメールから自ドメイン以外あてはすべて "
                    + wanted.smarthost().orElseThrow()
                    + " へ送ります",
                id
                    + " now delivers by Static: from the next mail on, everything for other domains"
                    + " goes to "
                    + wanted.smarthost().orElseThrow()));
    return true;
  }

  /** Checks the body; every mistake is a 400 that says what to send. */
  static NodeSpec.DeliverySpec parse(JsonNode body) throws ApiException {
    String modeText = body.path("mode").asText("").strip();
    DeliveryMode mode;
    if (modeText.equalsIgnoreCase("mx")) {
      mode = DeliveryMode.MX;
    } else if (modeText.equalsIgnoreCase("static")) {
      mode = DeliveryMode.STATIC;
    } else {
      throw ApiException.badRequest(
          "\"mode\" は \"mx\" か \"static\" にしてください (指定: " + modeText + "): " + EXAMPLE,
          "\"mode\" must be \"mx\" or \"static\" (got: " + modeText + "): " + EXAMPLE);
    }
    JsonNode hostNode = body.path("smarthost");
    String host = hostNode.isTextual() ? hostNode.asText().strip() : "";
    if (!hostNode.isMissingNode() && !hostNode.isNull() && !hostNode.isTextual()) {
      throw ApiException.badRequest(
          "\"smarthost\" は文字列にしてください (例: [smtp.poi.lgwan.jp])",
          "\"smarthost\" must be a string (e.g. [smtp.poi.lgwan.jp])");
    }
    if (mode == DeliveryMode.MX) {
      if (!host.isEmpty()) {
        throw ApiException.badRequest(
            "MX配送方式にはスマートホストを指定しません。\"smarthost\" を外してください",
            "MX delivery takes no smarthost; leave \"smarthost\" out");
      }
      return new NodeSpec.DeliverySpec(mode, Optional.empty());
    }
    if (host.isEmpty()) {
      throw ApiException.badRequest(
          "Static配送方式には \"smarthost\" (送り先の SMTP サーバ) が必要です。例: [smtp.poi.lgwan.jp]",
          "Static delivery needs a \"smarthost\" (the SMTP server to hand mail to), e.g."
              + " [smtp.poi.lgwan.jp]");
    }
    try {
      NextHopSpec.parse(host);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "スマートホスト「"
              + host
              + "」を読めません ("
              + e.getMessage()
              + ")。host, [host], host:port, [host]:port のどれかで書いてください",
          "Cannot read the smarthost \""
              + host
              + "\" ("
              + e.getMessage()
              + "). Write host, [host], host:port or [host]:port");
    }
    return new NodeSpec.DeliverySpec(mode, Optional.of(host));
  }
}
