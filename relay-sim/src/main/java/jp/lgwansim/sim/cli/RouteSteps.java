package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * Turns a message's events (from {@code GET /api/messages/{id}}) into the numbered steps of the
 * article's Figure 3: the submission, each DNS question with its answer, a route that is not a
 * plain MX lookup (Static delivery, transport override, implicit MX), each relay, and the delivery,
 * deferral, failure or rejection.
 *
 * <p>Some events fold into a neighbour so each step reads as one thing a trainee can point at: a
 * DNS_ANSWER joins its DNS_QUERY, a CONNECTED lends its address to the RELAYED that follows, and
 * the RECEIVED of a relay's next node is the same step as the relay.
 */
final class RouteSteps {
  private final Map<String, String> nodeNames = new HashMap<>();
  private final Map<String, String> networkNames = new HashMap<>();

  /**
   * @param topology the answer of {@code GET /api/topology}, for the names of nodes (A市) and
   *     networks (LGWAN)
   */
  RouteSteps(JsonNode topology) {
    for (JsonNode n : topology.path("nodes")) {
      String id = n.path("id").asText();
      String label = n.path("label").asText("");
      nodeNames.put(id, label.isEmpty() || label.equals(id) ? id : label + " (" + id + ")");
    }
    for (JsonNode n : topology.path("networks")) {
      String label = n.path("label").asText("");
      networkNames.put(n.path("name").asText(), label.isEmpty() ? n.path("name").asText() : label);
    }
  }

  List<Bilingual> steps(JsonNode message) {
    List<JsonNode> events = byVisit(message.path("events"));
    List<Bilingual> steps = new ArrayList<>();
    boolean firstReceived = true;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String node = node(e.path("node").asText());
      switch (e.path("type").asText()) {
        case "received":
          if (firstReceived) {
            firstReceived = false;
            steps.add(received(e, node));
          } else if (!attr(e, "sanitized").isEmpty()) {
            // The security cloud's 無害化 is a step of its own: the mail changed here.
            steps.add(Bilingual.of(e.path("detailJa").asText(), e.path("detail").asText()));
          }
          break;
        case "dns-query":
          steps.add(dns(e, node, answerTo(events, i)));
          break;
        case "route-chosen":
          Bilingual route = route(e, node);
          if (route != null) {
            steps.add(route);
          }
          break;
        case "relayed":
          steps.add(relayed(e, node, addressOf(events, i)));
          break;
        case "delivered":
          steps.add(
              Bilingual.of(
                  node + " が " + attr(e, "mailbox") + " のメールボックスに配送しました",
                  node + " delivered to " + attr(e, "mailbox") + "'s mailbox"));
          break;
        case "deferred":
          steps.add(
              Bilingual.of(
                  node + " で一時的に失敗しました。" + attr(e, "nextAttempt") + " に再送します: " + attr(e, "reason"),
                  node
                      + " deferred the mail; next attempt "
                      + attr(e, "nextAttempt")
                      + ": "
                      + attr(e, "reason")));
          break;
        case "failed":
          steps.add(
              Bilingual.of(
                  node + " で配送できませんでした (" + attr(e, "recipients") + "): " + attr(e, "reason"),
                  node + " gave up on " + attr(e, "recipients") + ": " + attr(e, "reason")));
          break;
        case "violation":
          steps.add(
              Bilingual.of("⚠ " + e.path("detailJa").asText(), "⚠ " + e.path("detail").asText()));
          break;
        case "rejected":
          steps.add(
              Bilingual.of(
                  node + " が " + attr(e, "stage") + " の段階で拒否しました: " + attr(e, "reply"),
                  node + " rejected it at " + attr(e, "stage") + ": " + attr(e, "reply")));
          break;
        default:
          break;
      }
    }
    return steps;
  }

  /**
   * The events in the order of the message's visits: all of what one node did with its copy (its
   * queue id) before what the next node did. Nodes work at the same time (the next hop already
   * looks up DNS while the previous one is reading its 250), so bus order would interleave them; a
   * trainee reads the route one server at a time.
   */
  private static List<JsonNode> byVisit(JsonNode all) {
    List<JsonNode> events = new ArrayList<>();
    all.forEach(events::add);
    Map<String, Long> visitStart = new HashMap<>();
    for (JsonNode e : events) {
      visitStart.putIfAbsent(visitOf(e), e.path("seq").asLong());
    }
    events.sort(
        java.util.Comparator.<JsonNode>comparingLong(e -> visitStart.get(visitOf(e)))
            .thenComparingLong(e -> e.path("seq").asLong()));
    return events;
  }

  private static String visitOf(JsonNode e) {
    String queueId = e.path("queueId").asText("");
    return queueId.isEmpty()
        ? "seq:" + e.path("seq").asText()
        : e.path("node").asText() + "/" + queueId;
  }

  /** ①..⑳, then (21), (22)... */
  static String number(int n) {
    return n >= 1 && n <= 20 ? String.valueOf((char) (0x2460 + n - 1)) : "(" + n + ")";
  }

  private Bilingual received(JsonNode e, String node) {
    String from = attr(e, "from");
    String to = attr(e, "to").replace(",", ", ");
    String client = attr(e, "client");
    return Bilingual.of(
        node + " が " + client + " から " + from + " → " + to + " のメールを受け付けました",
        node + " accepted a mail from " + from + " to " + to + " (client " + client + ")");
  }

  private Bilingual dns(JsonNode query, String node, JsonNode answer) {
    String view = attr(query, "view");
    String network = networkNames.getOrDefault(view, view);
    String qtype = attr(query, "qtype");
    String name = attr(query, "query");
    String server = attr(query, "server");
    Bilingual result = answer == null ? Bilingual.of("(応答なし)", "(no answer yet)") : answer(answer);
    return Bilingual.of(
        node
            + " が "
            + network
            + " の DNS ("
            + server
            + ") に問い合わせ: "
            + name
            + " の "
            + qtype
            + " は? → "
            + result.ja(),
        node
            + " asked "
            + network
            + " DNS ("
            + server
            + "): "
            + qtype
            + " "
            + name
            + "? → "
            + result.en());
  }

  private static Bilingual answer(JsonNode answer) {
    String rcode = attr(answer, "rcode");
    switch (rcode) {
      case "NXDOMAIN":
        return Bilingual.of("存在しないドメイン (NXDOMAIN)", "no such domain (NXDOMAIN)");
      case "SERVFAIL":
        return Bilingual.of("サーバ障害 (SERVFAIL)", "server failure (SERVFAIL)");
      case "TIMEOUT":
        return Bilingual.of("応答なし (タイムアウト)", "no answer (timeout)");
      default:
        List<String> data = new ArrayList<>();
        for (String record : attr(answer, "answer").split(";")) {
          if (!record.isBlank()) {
            data.add(recordData(record.trim()));
          }
        }
        if (data.isEmpty()) {
          return Bilingual.of("レコードなし (NODATA)", "no such record (NODATA)");
        }
        String joined = String.join(", ", data);
        return Bilingual.of(joined, joined);
    }
  }

  /** {@code town-b.lg.jp. 300 IN MX 10 relay.lgwan.jp.} → {@code 10 relay.lgwan.jp.} */
  static String recordData(String zoneLine) {
    String[] t = zoneLine.split("\\s+");
    for (int i = 0; i + 2 < t.length; i++) {
      if (t[i].equals("IN")) {
        return String.join(" ", java.util.Arrays.copyOfRange(t, i + 2, t.length));
      }
    }
    return zoneLine;
  }

  private static Bilingual route(JsonNode e, String node) {
    String domain = attr(e, "domain");
    String to = attr(e, "candidates").replace(",", ", ");
    switch (attr(e, "method")) {
      case "static":
        return Bilingual.of(
            node + " は Static配送方式: " + domain + " 宛もスマートホスト " + to + " へ渡します",
            node + " uses Static delivery: mail for " + domain + " goes to the smarthost " + to);
      case "transport":
        return Bilingual.of(
            node + " の転送設定 (transport) により " + domain + " 宛は " + to + " へ",
            node + "'s transport override sends mail for " + domain + " to " + to);
      case "implicit-mx":
        return Bilingual.of(
            domain + " には MX がないため、" + node + " はその A レコード " + to + " へ直接送ります (implicit MX)",
            domain + " has no MX, so " + node + " sends to its A record " + to + " (implicit MX)");
      default:
        return null;
    }
  }

  private Bilingual relayed(JsonNode e, String node, String address) {
    String nextHop = attr(e, "nextHop");
    String nextNode = attr(e, "nextNode");
    String where = address.isEmpty() ? nextHop : nextHop + " " + address;
    String via = nextNode.isEmpty() ? "" : " (" + node(nextNode) + ")";
    String reply = attr(e, "reply");
    return Bilingual.of(
        node + " が " + where + via + " へ転送しました: " + reply,
        node + " relayed to " + where + via + ": " + reply);
  }

  /** The DNS_ANSWER at the same node for the same question, after the query. */
  private static JsonNode answerTo(List<JsonNode> events, int queryIndex) {
    JsonNode q = events.get(queryIndex);
    for (int i = queryIndex + 1; i < events.size(); i++) {
      JsonNode e = events.get(i);
      if (e.path("type").asText().equals("dns-answer")
          && e.path("node").asText().equals(q.path("node").asText())
          && attr(e, "query").equals(attr(q, "query"))
          && attr(e, "qtype").equals(attr(q, "qtype"))) {
        return e;
      }
    }
    return null;
  }

  /** {@code [127.10.0.10]} (with {@code :port} when not the default) of the latest CONNECTED. */
  private static String addressOf(List<JsonNode> events, int relayedIndex) {
    JsonNode r = events.get(relayedIndex);
    for (int i = relayedIndex - 1; i >= 0; i--) {
      JsonNode e = events.get(i);
      if (e.path("type").asText().equals("connected")
          && e.path("node").asText().equals(r.path("node").asText())
          && attr(e, "nextHop").equals(attr(r, "nextHop"))) {
        String address = attr(e, "address");
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
          return "[" + address + "]";
        }
        String port = address.substring(colon + 1);
        String ip = address.substring(0, colon);
        return port.equals(String.valueOf(Defaults.SMTP_PORT))
            ? "[" + ip + "]"
            : "[" + ip + "]:" + port;
      }
    }
    return "";
  }

  private String node(String id) {
    return nodeNames.getOrDefault(id, id);
  }

  private static String attr(JsonNode event, String key) {
    return event.path("attributes").path(key).asText("");
  }
}
