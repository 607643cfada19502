package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.junit.jupiter.api.Test;

/**
 * The issue's "done when", as a user does it: the shipped Figure 1 topologies, mail submitted with
 * swaks, read back with curl over IMAP, DNS asked with dig.
 */
class Figure1AcceptanceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Path TOPOLOGIES = Path.of("..", "topologies");

  @Test
  void figure1Mx_swaksToCityA_arrivesInTownBWithEveryHopInReceived() throws Exception {
    try (Simulation sim = Simulation.start(load("figure1-mx.yaml"), Optional.empty());
        TraceRecorder trace = new TraceRecorder(sim.trace())) {
      String id = swaks(sim);
      trace.await("delivered at town-b", delivered(id), DEADLINE);

      assertEquals(List.of("city-a", "lgwan-relay", "town-b"), hops(trace, id));
      TraceEvent mx =
          trace.await(
              "city-a's MX question",
              e ->
                  e.messageId().equals(id)
                      && e.node().equals("city-a")
                      && e.type() == TraceType.DNS_ANSWER
                      && e.attribute("qtype").equals("MX"),
              DEADLINE);
      assertEquals("lgwan", mx.attribute("view"));
      assertEquals("town-b.lg.jp", mx.attribute("query"));
      assertTrue(mx.attribute("answer").contains("10 relay.lgwan.jp."), mx.attribute("answer"));

      String mail = curlImap(sim, "town-b", "hanako@town-b.lg.jp", "hanako-pass");
      int b = mail.indexOf("by mail.town-b.lg.jp");
      int relay = mail.indexOf("by relay.lgwan.jp");
      int a = mail.indexOf("by mail.city-a.lg.jp");
      assertTrue(0 <= b && b < relay && relay < a, "Received headers, newest first:\n" + mail);
      assertTrue(mail.contains(id), mail);
    }
  }

  @Test
  void figure1Static_sameMail_goesToPoiFirstAndCityAMakesNoMxQuery() throws Exception {
    try (Simulation sim = Simulation.start(load("figure1-static.yaml"), Optional.empty());
        TraceRecorder trace = new TraceRecorder(sim.trace())) {
      String id = swaks(sim);
      trace.await("delivered at town-b", delivered(id), DEADLINE);

      assertEquals(List.of("city-a", "poi", "lgwan-relay", "town-b"), hops(trace, id));
      assertFalse(
          trace.events().stream()
              .anyMatch(
                  e ->
                      e.node().equals("city-a")
                          && e.type() == TraceType.DNS_QUERY
                          && e.attribute("qtype").equals("MX")),
          "Static delivery to [smtp.poi.lgwan.jp] asks no MX");
      String mail = curlImap(sim, "town-b", "hanako@town-b.lg.jp", "hanako-pass");
      assertTrue(mail.contains("by smtp.poi.lgwan.jp"), mail);
    }
  }

  @Test
  void figure1Mx_dig_answersTheMxTheSimulationUsesAndNxdomainWithSoa() throws Exception {
    try (Simulation sim = Simulation.start(load("figure1-mx.yaml"), Optional.empty())) {
      var dns = sim.dnsEndpoints().get("lgwan");
      String server = "@" + dns.getAddress().getHostAddress();
      String port = Integer.toString(dns.getPort());

      ExternalTool.Result mx = ExternalTool.run("dig", server, "-p", port, "MX", "town-b.lg.jp");
      assertTrue(mx.output().contains("status: NOERROR"), mx.output());
      assertTrue(mx.output().matches("(?s).*flags: qr aa.*"), mx.output());
      assertTrue(
          mx.output()
              .matches(
                  "(?s).*town-b\\.lg\\.jp\\.\\s+\\d+\\s+IN\\s+MX\\s+10 relay\\.lgwan\\.jp\\..*"),
          mx.output());

      ExternalTool.Result nx = ExternalTool.run("dig", server, "-p", port, "A", "nosuch.lg.jp");
      assertTrue(nx.output().contains("status: NXDOMAIN"), nx.output());
      assertTrue(nx.output().matches("(?s).*flags: qr aa.*"), nx.output());
      assertTrue(
          nx.output().matches("(?s).*AUTHORITY SECTION:\\s+\\.\\s+\\d+\\s+IN\\s+SOA.*"),
          nx.output());
    }
  }

  @Test
  void figure1Mx_mailToADomainWithNoMxAndNoA_bringsADsnToTheSendersMailbox() throws Exception {
    try (Simulation sim = Simulation.start(load("figure1-mx.yaml"), Optional.empty());
        TraceRecorder trace = new TraceRecorder(sim.trace())) {
      var smtp = sim.smtpEndpoint("city-a", "lgwan");
      ExternalTool.Result sent =
          ExternalTool.run(
              "swaks",
              "--server",
              smtp.getAddress().getHostAddress() + ":" + smtp.getPort(),
              "--from",
              "taro@city-a.lg.jp",
              "--to",
              "someone@nosuch.lg.jp");
      assertEquals(0, sent.exitCode(), sent.output());
      trace.await(
          "the notice in taro's mailbox",
          e ->
              e.type() == TraceType.DELIVERED && e.attribute("mailbox").equals("taro@city-a.lg.jp"),
          DEADLINE);

      String dsn = curlImap(sim, "city-a", "taro@city-a.lg.jp", "taro-pass");
      assertTrue(dsn.contains("From: Mail Delivery System <MAILER-DAEMON@mail.city-a.lg.jp>"), dsn);
      assertTrue(dsn.contains("Final-Recipient: rfc822; someone@nosuch.lg.jp"), dsn);
      assertTrue(dsn.contains("Status: 5.1.2"), dsn);
      assertTrue(dsn.contains("nosuch.lg.jp"), dsn);
    }
  }

  private static jp.lgwansim.relay.topology.Topology load(String file) throws Exception {
    return TopologyLoader.load(TOPOLOGIES.resolve(file));
  }

  /** Submits taro's mail to hanako at A市's server with swaks; returns its Message-ID. */
  private static String swaks(Simulation sim) throws Exception {
    String id = UUID.randomUUID() + "@swaks.test";
    var smtp = sim.smtpEndpoint("city-a", "lgwan");
    ExternalTool.Result r =
        ExternalTool.run(
            "swaks",
            "--server",
            smtp.getAddress().getHostAddress() + ":" + smtp.getPort(),
            "--from",
            "taro@city-a.lg.jp",
            "--to",
            "hanako@town-b.lg.jp",
            "--header",
            "Subject: Figure 1",
            "--header",
            "Message-Id: <" + id + ">");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("250 2.0.0 Ok: queued as"), r.output());
    return id;
  }

  private static String curlImap(Simulation sim, String node, String user, String password)
      throws Exception {
    var imap = sim.imapEndpoint(node).orElseThrow();
    ExternalTool.Result r =
        ExternalTool.run(
            "curl",
            "-sS",
            "--url",
            "imap://" + imap.getAddress().getHostAddress() + ":" + imap.getPort() + "/INBOX;UID=1",
            "-u",
            user + ":" + password);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }

  private static java.util.function.Predicate<TraceEvent> delivered(String id) {
    return e -> e.type() == TraceType.DELIVERED && e.messageId().equals(id);
  }

  private static List<String> hops(TraceRecorder trace, String id) {
    return trace.events().stream()
        .filter(e -> e.messageId().equals(id) && e.type() == TraceType.RECEIVED)
        .map(TraceEvent::node)
        .toList();
  }
}
