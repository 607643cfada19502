package jp.lgwansim.sim.api;

import static jp.lgwansim.sim.FaultLab.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.FaultLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection and the queue through the HTTP API of a real simulation, over real HTTP. */
class FaultApiTest {
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

  record Answer(int status, JsonNode body) {}

  private Answer call(String method, String pathAndQuery, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lab.api().uri() + pathAndQuery));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  private Answer ok(String method, String path, String body) throws Exception {
    Answer a = call(method, path, body);
    assertEquals(200, a.status(), a.body().toString());
    return a;
  }

  @Test
  void stopAndStart_nodeIsListedAsStoppedAndItsMailWaitsInTheSendersQueue() throws Exception {
    Answer stopped = ok("POST", "/api/nodes/town-b/stop", null);
    assertTrue(stopped.body().path("message").path("ja").asText().contains("停止"));
    assertEquals(
        "town-b", call("GET", "/api/faults", null).body().path("stoppedNodes").get(0).asText());

    String id = lab.send();
    lab.await(TraceType.DEFERRED, id, "city-a");
    JsonNode queue = ok("GET", "/api/queue?node=city-a", null).body();
    assertEquals(1, queue.size(), queue.toString());
    JsonNode entry = queue.get(0);
    assertEquals("city-a", entry.path("node").asText());
    assertEquals(id, entry.path("messageId").asText());
    assertEquals(TO, entry.path("to").get(0).asText());
    assertEquals("deferred", entry.path("state").asText());
    assertTrue(entry.hasNonNull("nextAttempt"), entry.toString());
    assertTrue(entry.path("lastError").asText().contains("mail.town-b.lg.jp"), entry.toString());

    ok("POST", "/api/nodes/town-b/start", null);
    assertEquals(
        1, ok("POST", "/api/queue/flush?node=city-a", null).body().path("flushed").asInt());
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(1, lab.copiesAtTownB(id));
    assertEquals(0, ok("GET", "/api/faults", null).body().path("stoppedNodes").size());
  }

  @Test
  void replyFault_451AtRcpt_defersUntilDeleted_then550Fails() throws Exception {
    ok(
        "POST",
        "/api/nodes/town-b/faults",
        "{\"stage\":\"rcpt\",\"code\":451,\"text\":\"4.3.0 try later\"}");
    JsonNode faults = ok("GET", "/api/faults", null).body();
    JsonNode reply = faults.path("nodes").get(0).path("replies").get(0);
    assertEquals("rcpt", reply.path("stage").asText());
    assertEquals(451, reply.path("code").asInt());
    assertEquals(1.0, reply.path("fraction").asDouble());

    String id = lab.send();
    TraceEvent deferred = lab.await(TraceType.DEFERRED, id, "city-a");
    assertTrue(deferred.attribute("reason").contains("451 4.3.0 try later"), deferred.toString());
    ok("DELETE", "/api/nodes/town-b/faults", null);
    ok("POST", "/api/queue/flush", null);
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(1, lab.copiesAtTownB(id));

    ok("POST", "/api/nodes/town-b/faults", "{\"stage\":\"data\",\"code\":554}");
    String refused = lab.send();
    TraceEvent failed = lab.await(TraceType.FAILED, refused, "city-a");
    assertTrue(failed.attribute("reason").contains("554"), failed.toString());
    assertEquals(0, lab.copiesAtTownB(refused));
  }

  @Test
  void disconnectAndConnect_linkIsListedAndMailArrivesOnceAfterwards() throws Exception {
    ok("POST", "/api/nodes/town-b/networks/lgwan/disconnect", null);
    JsonNode link = ok("GET", "/api/faults", null).body().path("cutLinks").get(0);
    assertEquals("town-b", link.path("node").asText());
    assertEquals("lgwan", link.path("network").asText());
    String id = lab.send();
    lab.await(TraceType.DEFERRED, id, "city-a");

    ok("POST", "/api/nodes/town-b/networks/lgwan/connect", null);
    ok("POST", "/api/queue/flush?node=city-a", null);
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(1, lab.copiesAtTownB(id));
  }

  @Test
  void dnsRecords_deleteMxFailsTheMail_revertRestoresIt_putAndPostChangeIt() throws Exception {
    ok("DELETE", "/api/dns/lgwan/records?name=town-b.lg.jp&type=MX", null);
    JsonNode change = ok("GET", "/api/faults", null).body().path("dnsChanges").get(0);
    assertEquals("town-b.lg.jp.", change.path("name").asText());
    assertEquals("MX", change.path("type").asText());
    assertEquals(0, change.path("current").size());
    String lost = lab.send();
    lab.await(TraceType.FAILED, lost, "city-a");

    ok("DELETE", "/api/dns/lgwan/changes", null);
    assertEquals(0, ok("GET", "/api/faults", null).body().path("dnsChanges").size());

    ok(
        "PUT",
        "/api/dns/lgwan/records",
        "{\"name\":\"mail.town-b.lg.jp\",\"type\":\"A\",\"data\":[\"127.0.0.9\"],\"ttl\":60}");
    ok(
        "POST",
        "/api/dns/lgwan/records",
        "{\"name\":\"extra.town-b.lg.jp\",\"type\":\"TXT\",\"data\":\"\\\"hello\\\"\"}");
    assertEquals(2, ok("GET", "/api/faults", null).body().path("dnsChanges").size());
    ok("DELETE", "/api/faults", null);
    assertEquals(0, ok("GET", "/api/faults", null).body().path("dnsChanges").size());
  }

  @Test
  void dnsStopAndStart_mailIsDeferredThenDeliveredOnce() throws Exception {
    ok("POST", "/api/dns/lgwan/stop", null);
    assertEquals("lgwan", ok("GET", "/api/faults", null).body().path("stoppedDns").get(0).asText());
    String id = lab.send();
    lab.await(TraceType.DEFERRED, id, "city-a");
    ok("POST", "/api/dns/lgwan/start", null);
    ok("POST", "/api/queue/flush", null);
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(1, lab.copiesAtTownB(id));
  }

  @Test
  void badRequests_areRefusedInBothLanguagesWithWhatExists() throws Exception {
    assertError(call("POST", "/api/nodes/nowhere/stop", null), 404, "city-a, town-b");
    assertError(
        call("POST", "/api/nodes/town-b/faults", "{\"stage\":\"rcpt\",\"code\":250}"),
        400,
        "4xx or 5xx");
    assertError(
        call("POST", "/api/nodes/town-b/faults", "{\"stage\":\"rcpt\",\"code\":4510}"),
        400,
        "three-digit");
    assertError(
        call(
            "POST",
            "/api/nodes/town-b/faults",
            "{\"stage\":\"rcpt\",\"code\":451,\"fraction\":1.5}"),
        400,
        "from 0 to 1");
    assertError(
        call("POST", "/api/nodes/town-b/faults", "{\"stage\":\"helo\",\"code\":451}"),
        400,
        "connect, mail, rcpt, data");
    assertError(call("POST", "/api/nodes/town-b/faults", "{}"), 400, "latencyMs");
    assertError(call("POST", "/api/nodes/town-b/networks/internet/disconnect", null), 404, "lgwan");
    assertError(call("POST", "/api/dns/nowhere/stop", null), 404, "lgwan");
    assertError(
        call("DELETE", "/api/dns/lgwan/records?name=town-b.lg.jp&type=BOGUS", null),
        400,
        "record type");
    assertError(
        call("DELETE", "/api/dns/lgwan/records?name=.&type=SOA", null),
        400,
        "Cannot change the records");
    assertError(call("GET", "/api/queue?node=nowhere", null), 404, "city-a, town-b");
    assertError(call("GET", "/api/nodes/town-b/stop", null), 405, "POST");
    assertTrue(ok("GET", "/api/faults", null).body().path("nodes").isEmpty());
  }

  private static void assertError(Answer a, int status, String inEnglish) {
    assertEquals(status, a.status(), a.body().toString());
    JsonNode error = a.body().path("error");
    assertTrue(error.path("en").asText().contains(inEnglish), error.toString());
    assertTrue(!error.path("ja").asText().isBlank(), error.toString());
  }
}
