package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundary of the closed network, on prefecture.yaml, as a user probes it: swaks from an
 * Internet address, dig against both views, a mail with attachments through the security cloud.
 */
class ClosedNetworkTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** An Internet address no node uses: a stranger's host. */
  private static final String INTERNET_HOST = "127.20.99.9";

  private static Simulation sim;
  private static TraceRecorder trace;

  @BeforeAll
  static void start() throws Exception {
    sim =
        Simulation.start(
            TopologyLoader.load(Path.of("..", "topologies", "prefecture.yaml")), Optional.empty());
    trace = new TraceRecorder(sim.trace());
  }

  @AfterAll
  static void stop() {
    trace.close();
    sim.close();
  }

  @Test
  void swaks_fromTheInternetToAMunicipalitysLgwanServer_isRefused554AndTraced() throws Exception {
    InetSocketAddress cityA = sim.smtpEndpoint("city-a", "lgwan");
    ExternalTool.Result r = swaksFromInternet(cityA, "taro@city-a.lg.jp");
    assertTrue(r.output().contains("554 5.7.1"), r.output());
    TraceEvent rejected =
        trace.await(
            "city-a refuses the Internet host",
            e ->
                e.type() == TraceType.REJECTED
                    && e.node().equals("city-a")
                    && e.attribute("client").equals(INTERNET_HOST),
            DEADLINE);
    assertTrue(rejected.text().ja().contains("閉域網"), rejected.text().ja());
  }

  @Test
  void swaks_fromTheInternet_cannotRelayThroughAnyLgwanNode() throws Exception {
    Topology t = sim.topology();
    int probed = 0;
    for (NodeSpec node : t.nodes()) {
      if (!node.addresses().containsKey("lgwan")) {
        continue;
      }
      // Addressed to every kind of outside domain: another government, and the Internet.
      for (String to : List.of("hanako@town-b.lg.jp", "someone@example.net")) {
        if (node.id().equals("sc") && to.endsWith(".lg.jp")) {
          continue; // the security cloud's own job, sanitized: see the test below
        }
        InetSocketAddress at =
            sim.smtpEndpoint(
                node.id(), node.addresses().containsKey("internet") ? "internet" : "lgwan");
        ExternalTool.Result r = swaksFromInternet(at, to);
        assertTrue(r.output().contains("554 5.7.1"), node.id() + " → " + to + ":\n" + r.output());
        probed++;
      }
    }
    assertTrue(probed >= 14, "probed " + probed);
  }

  @Test
  void internetMailWithAttachment_throughTheSecurityCloud_arrivesSanitizedAndTheOriginalIsKept()
      throws Exception {
    String id = UUID.randomUUID() + "@example.co.jp";
    Session session = Session.getInstance(new Properties());
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("sato@example.co.jp"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("taro@city-a.lg.jp"));
    m.setSubject("見積書 / Quotation", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(
        "<html><body><p>お見積りを<b>添付</b>します。</p><script>x()</script></body></html>",
        "text/html; charset=UTF-8");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent("MZ fake executable", "application/octet-stream");
    attachment.setFileName("invoice.exe");
    m.setContent(new MimeMultipart(html, attachment));
    m.saveChanges();
    m.setHeader("Message-ID", "<" + id + ">");
    InetSocketAddress company = sim.smtpEndpoint("company", "internet");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(company.getAddress().getHostAddress(), company.getPort(), null, null);
      t.sendMessage(m, m.getAllRecipients());
    }
    trace.await(
        "delivered to taro",
        e ->
            e.type() == TraceType.DELIVERED
                && e.messageId().equals(id)
                && e.node().equals("city-a"),
        DEADLINE);
    TraceEvent atSc =
        trace.await(
            "received at sc",
            e ->
                e.type() == TraceType.RECEIVED && e.messageId().equals(id) && e.node().equals("sc"),
            DEADLINE);
    assertEquals("1", atSc.attribute("sanitized"));

    String delivered = Mailboxes.find(sim, "city-a", "taro@city-a.lg.jp", "taro-pass", id);
    assertTrue(delivered.contains("X-LGWAN-Sim-Sanitized: yes; attachments-removed=1"), delivered);
    assertFalse(delivered.contains("MZ fake executable"), delivered);
    assertFalse(delivered.contains("<script>"), delivered);
    assertTrue(delivered.contains("Content-Type: text/plain"), delivered);
    String kept = Mailboxes.find(sim, "sc", "quarantine@sc.pref-x.lg.jp", "quarantine-pass", id);
    assertTrue(kept.contains("invoice.exe"), kept);
  }

  @Test
  void dig_sameLgJpName_answersDifferentlyInTheLgwanAndInternetViews() throws Exception {
    String lgwan = dig("lgwan", "city-a.lg.jp");
    String internet = dig("internet", "city-a.lg.jp");
    assertTrue(
        lgwan.matches(
            "(?s).*city-a\\.lg\\.jp\\.\\s+\\d+\\s+IN\\s+MX\\s+10 mail\\.city-a\\.lg\\.jp\\..*"),
        lgwan);
    assertTrue(
        internet.matches(
            "(?s).*city-a\\.lg\\.jp\\.\\s+\\d+\\s+IN\\s+MX\\s+10 sc\\.pref-x\\.lg\\.jp\\..*"),
        internet);
  }

  @Test
  void backupMx_holdsTheVillagesMailWhileItIsDown_andDeliversAfter() throws Exception {
    sim.control().stopNode("village-c");
    try {
      String id = submit("taro@city-a.lg.jp", "jiro@village-c.lg.jp");
      trace.await(
          "deferred at the backup MX",
          e ->
              e.type() == TraceType.DEFERRED
                  && e.messageId().equals(id)
                  && e.node().equals("lgwan-relay"),
          DEADLINE);
      sim.control().startNode("village-c");
      sim.control().flush("lgwan-relay");
      trace.await(
          "delivered at village-c",
          e ->
              e.type() == TraceType.DELIVERED
                  && e.messageId().equals(id)
                  && e.node().equals("village-c"),
          DEADLINE);
      List<String> hops =
          trace.events().stream()
              .filter(e -> e.type() == TraceType.RECEIVED && e.messageId().equals(id))
              .map(TraceEvent::node)
              .toList();
      assertEquals(List.of("city-a", "lgwan-relay", "village-c"), hops);
    } finally {
      sim.control().startNode("village-c");
    }
  }

  private static String submit(String from, String to) throws Exception {
    String id = UUID.randomUUID() + "@closed.test";
    Session session = Session.getInstance(new Properties());
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject("backup MX");
    m.setText("x");
    m.saveChanges();
    m.setHeader("Message-ID", "<" + id + ">");
    InetSocketAddress at = sim.smtpEndpoint("city-a", "lgwan");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(at.getAddress().getHostAddress(), at.getPort(), null, null);
      t.sendMessage(m, m.getAllRecipients());
    }
    return id;
  }

  private static ExternalTool.Result swaksFromInternet(InetSocketAddress server, String to)
      throws Exception {
    return ExternalTool.run(
        "swaks",
        "--server",
        server.getAddress().getHostAddress() + ":" + server.getPort(),
        "--local-interface",
        INTERNET_HOST,
        "--from",
        "stranger@example.net",
        "--to",
        to);
  }

  private static String dig(String view, String name) throws Exception {
    var dns = sim.dnsEndpoints().get(view);
    ExternalTool.Result r =
        ExternalTool.run(
            "dig",
            "@" + dns.getAddress().getHostAddress(),
            "-p",
            Integer.toString(dns.getPort()),
            "MX",
            name);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }
}
