package jp.lgwansim.sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FakeSimulation sim;
  private ApiServer api;

  @BeforeEach
  void start() throws IOException {
    sim = new FakeSimulation();
    api = ApiServer.start(sim, ApiOptions.defaults().withPort(0));
  }

  @AfterEach
  void stop() {
    api.close();
    sim.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(api.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(api.uri().resolve(path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode read(HttpResponse<String> r) throws IOException {
    return json.readTree(r.body());
  }

  private static String sendBody(String from, String to) {
    return "{\"from\":\""
        + from
        + "\",\"to\":[\""
        + to
        + "\"],"
        + "\"subject\":\"会議資料の送付\",\"body\":\"よろしくお願いします。\"}";
  }

  @Test
  void topology_reportsTheEndpointsWhereListenersReallyAre() throws Exception {
    HttpResponse<String> r = get("/api/topology");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode t = read(r);

    assertEquals("figure1-test", t.path("name").asText());
    assertEquals("lgwan", t.path("networks").get(0).path("name").asText());
    assertEquals("127.10.0.0/16", t.path("networks").get(0).path("cidr").asText());
    JsonNode cityA = t.path("nodes").get(0);
    assertEquals("city-a", cityA.path("id").asText());
    assertEquals("municipality", cityA.path("role").asText());
    assertEquals("mx", cityA.path("delivery").path("mode").asText());
    assertFalse(cityA.path("delivery").has("smarthost"));
    assertEquals("127.0.0.1", cityA.path("smtp").get(0).path("host").asText());
    assertEquals(
        sim.smtpEndpoint("city-a", "lgwan").getPort(),
        cityA.path("smtp").get(0).path("port").asInt());
    assertFalse(cityA.has("imap"), "no mailboxes, no IMAP");
    JsonNode townB = t.path("nodes").get(2);
    assertEquals("hanako@town-b.lg.jp", townB.path("mailboxes").get(0).path("address").asText());
    assertEquals("hanako-pass", townB.path("mailboxes").get(0).path("password").asText());
    assertEquals(11143, townB.path("imap").path("port").asInt());
    assertEquals(11110, townB.path("pop3").path("port").asInt());
    assertTrue(t.path("dns").isArray());
  }

  @Test
  void send_submitsOverSmtpAtTheHomeNode_andAnswersTheTrackerId() throws Exception {
    HttpResponse<String> r =
        post("/api/send", sendBody("taro@city-a.lg.jp", "hanako@town-b.lg.jp"));

    assertEquals(200, r.statusCode(), r.body());
    String id = read(r).path("id").asText();
    assertEquals("CQ1", id, "the queue id city-a's SMTP server gave it");
    JsonNode m = read(get("/api/messages/" + id));
    assertEquals("taro@city-a.lg.jp", m.path("from").asText());
    assertEquals("hanako@town-b.lg.jp", m.path("to").get(0).asText());
    assertEquals("会議資料の送付", m.path("subject").asText(), "the UTF-8 subject survived SMTP");
    assertEquals("queued", m.path("status").asText());
    assertEquals("city-a", m.path("hops").get(0).asText());
    JsonNode received = m.path("events").get(0);
    assertEquals("received", received.path("type").asText());
    assertEquals("city-a", received.path("node").asText());
    assertEquals("city-a accepted the mail", received.path("detail").asText());
    assertEquals("city-a が受け付けました", received.path("detailJa").asText());
    assertEquals("127.0.0.1", received.path("attributes").path("client").asText());
    assertEquals(MessageSubmitter.CONSOLE_HELO, received.path("attributes").path("helo").asText());
    assertTrue(received.path("time").asText().endsWith("Z"));
  }

  @Test
  void messages_findsByMessageIdToo_andListsSummariesWithoutEvents() throws Exception {
    sim.afterReceived(new Figure1Journey());
    JsonNode sent = read(post("/api/send", sendBody("taro@city-a.lg.jp", "hanako@town-b.lg.jp")));
    String messageId = sent.path("messageId").asText();
    assertTrue(messageId.endsWith("@city-a.lg.jp"), messageId);

    String encoded = URLEncoder.encode("<" + messageId + ">", StandardCharsets.UTF_8);
    JsonNode m = read(get("/api/messages/" + encoded));
    assertEquals(sent.path("id").asText(), m.path("id").asText());
    assertEquals("delivered", m.path("status").asText());
    assertEquals("[\"city-a\",\"relay\",\"town-b\"]", m.path("hops").toString());

    JsonNode list = read(get("/api/messages"));
    assertEquals(1, list.size());
    assertEquals("delivered", list.get(0).path("status").asText());
    assertFalse(list.get(0).has("events"));
  }

  @Test
  void send_senderDomainNoNodeHosts_is400NamingTheDomainsThatExist() throws Exception {
    HttpResponse<String> r = post("/api/send", sendBody("taro@example.com", "hanako@town-b.lg.jp"));

    assertEquals(400, r.statusCode());
    JsonNode error = read(r).path("error");
    assertTrue(error.path("en").asText().contains("example.com"), r.body());
    assertTrue(error.path("en").asText().contains("city-a.lg.jp, town-b.lg.jp"), r.body());
    assertTrue(error.path("ja").asText().contains("送信者のドメイン"), r.body());
  }

  @Test
  void send_recipientRefusedByTheHomeNode_is502WithTheNodesReply() throws Exception {
    HttpResponse<String> r =
        post("/api/send", sendBody("taro@city-a.lg.jp", "nobody@town-b.lg.jp"));

    assertEquals(502, r.statusCode(), r.body());
    JsonNode error = read(r).path("error");
    assertTrue(error.path("en").asText().contains("city-a"), r.body());
    assertTrue(error.path("en").asText().contains("550 5.1.1"), r.body());
    assertTrue(error.path("ja").asText().contains("拒否"), r.body());
  }

  @Test
  void send_homeNodeDown_is502SayingItCannotConnect() throws Exception {
    sim.stopNode("city-a");
    HttpResponse<String> r =
        post("/api/send", sendBody("taro@city-a.lg.jp", "hanako@town-b.lg.jp"));

    assertEquals(502, r.statusCode(), r.body());
    assertTrue(read(r).path("error").path("en").asText().startsWith("Cannot connect"), r.body());
  }

  @Test
  void send_missingOrWrongFields_are400NamingTheField() throws Exception {
    assertBadRequest("{\"from\":\"taro@city-a.lg.jp\"}", "\"to\"");
    assertBadRequest("{\"to\":[\"hanako@town-b.lg.jp\"]}", "\"from\"");
    assertBadRequest("{\"from\":\"taro@city-a.lg.jp\",\"to\":42}", "\"to\"");
    assertBadRequest("{\"from\":\"not an address\",\"to\":[\"h@town-b.lg.jp\"]}", "\"from\"");
    assertBadRequest(
        "{\"from\":\"taro@city-a.lg.jp\",\"to\":[\"h@town-b.lg.jp\"],\"subject\":1}",
        "\"subject\"");
    assertBadRequest("{\"from\": \"taro@", "not valid JSON");
    assertBadRequest("", "empty");
  }

  private void assertBadRequest(String body, String named) throws Exception {
    HttpResponse<String> r = post("/api/send", body);
    assertEquals(400, r.statusCode(), body);
    JsonNode error = read(r).path("error");
    assertTrue(error.path("en").asText().contains(named), r.body());
    assertFalse(error.path("ja").asText().isEmpty(), r.body());
  }

  @Test
  void errors_unknownPathMessageOrMethod_areJsonWithStatus() throws Exception {
    HttpResponse<String> nothing = get("/api/nothing");
    assertEquals(404, nothing.statusCode());
    assertTrue(read(nothing).path("error").path("en").asText().contains("/api/topology"));

    HttpResponse<String> unknown = get("/api/messages/NOPE");
    assertEquals(404, unknown.statusCode());
    assertTrue(read(unknown).path("error").path("ja").asText().contains("NOPE"));

    HttpResponse<String> wrongMethod = post("/api/topology", "{}");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void events_streamTheTraceAsServerSentEvents() throws Exception {
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(api.uri().resolve("/api/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    try (Stream<String> lines = r.body()) {
      sim.trace()
          .publish(
              "city-a",
              TraceType.DELIVERED,
              "m1@city-a.lg.jp",
              "AQ1",
              Bilingual.of("配送しました", "delivered"),
              Map.of("mailbox", "hanako@town-b.lg.jp"));
      Iterator<String> it = lines.iterator();
      String line = it.next();
      while (!line.equals("event: trace")) {
        line = it.next();
      }
      String data = it.next();
      assertTrue(data.startsWith("data: "), data);
      JsonNode e = json.readTree(data.substring(6));
      assertEquals("delivered", e.path("type").asText());
      assertEquals("city-a", e.path("node").asText());
      assertEquals("m1@city-a.lg.jp", e.path("messageId").asText());
      assertEquals("配送しました", e.path("detailJa").asText());
      assertEquals("hanako@town-b.lg.jp", e.path("attributes").path("mailbox").asText());
      assertEquals("", it.next(), "an event ends with a blank line");
    }
  }

  @Test
  void events_idleStreamGetsHeartbeats() throws Exception {
    api.close();
    api =
        ApiServer.start(
            sim, ApiOptions.defaults().withPort(0).withHeartbeat(Duration.ofMillis(50)));
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(api.uri().resolve("/api/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = r.body()) {
      assertTrue(lines.anyMatch(l -> l.equals(": heartbeat")));
    }
  }

  @Test
  void events_clientThatStopsReading_isDroppedAndNeverHoldsUpTheBus() throws Exception {
    api.close();
    api = ApiServer.start(sim, ApiOptions.defaults().withPort(0).withEventBufferPerClient(16));
    try (Socket lazy = new Socket()) {
      lazy.connect(new InetSocketAddress(FakeSimulation.loopback(), api.address().getPort()));
      lazy.setReceiveBufferSize(4096);
      OutputStream request = lazy.getOutputStream();
      request.write(
          "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      InputStream in = lazy.getInputStream();
      in.read(); // the response has started: the client is registered
      assertEquals(1, api.eventClients());

      // Far more than socket buffers hold: publishing must finish although nobody reads.
      String attribute = "x".repeat(1000);
      for (int i = 0; i < 20_000; i++) {
        sim.trace()
            .publish(
                "city-a",
                TraceType.DNS_QUERY,
                "m@city-a.lg.jp",
                "AQ1",
                Bilingual.of("問い合わせ", "query"),
                Map.of("query", attribute));
      }

      lazy.setSoTimeout(10_000);
      byte[] buffer = new byte[64 * 1024];
      while (in.read(buffer) >= 0) {
        // Drain what was sent before the server closed the stream.
      }
      assertEquals(0, api.eventClients());
    }
  }
}
