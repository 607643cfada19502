package jp.lgwansim.sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.FaultLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes the dashboard added, over real HTTP against a real two-town simulation. */
class DashboardApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FaultLab lab;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    lab = new FaultLab(dir);
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(lab.api().uri() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void deliveryPut_switchesToStaticAndTheTopologyShowsIt() throws Exception {
    HttpResponse<String> r =
        call(
            "PUT",
            "/api/nodes/city-a/delivery",
            "{\"mode\":\"static\",\"smarthost\":\"[mail.town-b.lg.jp]\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(json(r).path("message").path("ja").asText().contains("Static配送方式"), r.body());
    JsonNode cityA = json(call("GET", "/api/topology", null)).path("nodes").get(0);
    assertEquals("static", cityA.path("delivery").path("mode").asText());
    assertEquals("[mail.town-b.lg.jp]", cityA.path("delivery").path("smarthost").asText());
    assertEquals(
        "static", json(call("GET", "/api/nodes/city-a/delivery", null)).path("mode").asText());

    String id = lab.send();
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(200, call("PUT", "/api/nodes/city-a/delivery", "{\"mode\":\"mx\"}").statusCode());
  }

  @Test
  void deliveryPut_refusesWhatCannotWorkInBothLanguages() throws Exception {
    String[][] cases = {
      {"{\"mode\":\"fast\"}", "\"mode\" は \"mx\" か \"static\"", "must be \"mx\" or \"static\""},
      {"{\"mode\":\"static\"}", "Static配送方式には \"smarthost\"", "needs a \"smarthost\""},
      {"{\"mode\":\"mx\",\"smarthost\":\"[x]\"}", "スマートホストを指定しません", "takes no smarthost"},
      {"{\"mode\":\"static\",\"smarthost\":\"[a]:99999\"}", "読めません", "Cannot read the smarthost"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = call("PUT", "/api/nodes/city-a/delivery", c[0]);
      assertEquals(400, r.statusCode(), c[0] + " → " + r.body());
      JsonNode error = json(r).path("error");
      assertTrue(error.path("ja").asText().contains(c[1]), r.body());
      assertTrue(error.path("en").asText().contains(c[2]), r.body());
    }
    assertEquals(404, call("PUT", "/api/nodes/nowhere/delivery", "{\"mode\":\"mx\"}").statusCode());
  }

  @Test
  void mailboxes_listTheSettingsAndServeTheDeliveredMessage() throws Exception {
    String messageId = lab.send();
    lab.await(TraceType.DELIVERED, messageId, "town-b");

    JsonNode boxes = json(call("GET", "/api/mailboxes", null));
    JsonNode hanako = boxes.get(1);
    assertEquals(FaultLab.TO, hanako.path("address").asText());
    assertEquals(FaultLab.TO_PASSWORD, hanako.path("password").asText());
    assertEquals(1, hanako.path("messages").asInt());
    assertTrue(hanako.path("imap").path("port").asInt() > 0);

    JsonNode list = json(call("GET", "/api/mailboxes/" + FaultLab.TO + "/messages", null));
    assertEquals(messageId, list.get(0).path("messageId").asText());
    JsonNode byIndex = json(call("GET", "/api/mailboxes/" + FaultLab.TO + "/messages/1", null));
    JsonNode byId =
        json(call("GET", "/api/mailboxes/" + FaultLab.TO + "/messages/" + messageId, null));
    assertEquals(byIndex.path("raw").asText(), byId.path("raw").asText());
    assertEquals(2, byId.path("received").size(), byId.toString());
    assertTrue(
        byId.path("received").get(0).asText().startsWith("from mail.city-a.lg.jp"),
        byId.toString());
    assertTrue(byId.path("raw").asText().contains("Message-ID: <" + messageId + ">"));

    HttpResponse<String> missing = call("GET", "/api/mailboxes/nobody@town-b.lg.jp/messages", null);
    assertEquals(404, missing.statusCode());
    assertTrue(
        json(missing).path("error").path("en").asText().contains(FaultLab.TO), missing.body());
    assertEquals(
        404, call("GET", "/api/mailboxes/" + FaultLab.TO + "/messages/7", null).statusCode());
  }

  @Test
  void dashboard_isServedFromTheJarAndNothingOutsideItsFolder() throws Exception {
    HttpResponse<String> page = call("GET", "/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("/web/js/main.js"));
    HttpResponse<String> js = call("GET", "/web/js/main.js", null);
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertEquals(404, call("GET", "/web/../logback.xml", null).statusCode());
    assertEquals(404, call("GET", "/web/js/nothing.js", null).statusCode());
    assertEquals(405, call("POST", "/", "{}").statusCode());
  }
}
