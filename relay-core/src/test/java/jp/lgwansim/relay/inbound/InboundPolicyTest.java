package jp.lgwansim.relay.inbound;

import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;

/** What a node refuses, as a real SMTP client sees it, and what it adds to what it accepts. */
class InboundPolicyTest {

  @Test
  void rcpt_unknownLocalUser_gets550AndIsTraced() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("b", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      SendFailedException e =
          assertThrows(
              SendFailedException.class,
              () -> submit(c, "b", null, "x@a.lg.jp", "nobody@b.lg.jp", ""));
      SMTPAddressFailedException rcpt = (SMTPAddressFailedException) e.getNextException();
      assertEquals(550, rcpt.getReturnCode());
      assertContains(rcpt.getMessage(), "5.1.1");
      TraceEvent rejected =
          c.trace()
              .await(
                  "rejected",
                  ev -> ev.type() == TraceType.REJECTED && ev.node().equals("b"),
                  RunningCluster.DEADLINE);
      assertEquals("RCPT", rejected.attribute("stage"));
      assertContains(rejected.text().ja(), "ユーザ不明");
    }
  }

  @Test
  void rcpt_clientOutsideTheNodesNetworks_cannotRelay() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("a", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      // 127.254.0.1 is on no network of the topology: like a host on the Internet.
      InetAddress outsider = InetAddress.getByName("127.254.0.1");
      SendFailedException e =
          assertThrows(
              SendFailedException.class,
              () -> submit(c, "a", outsider, "x@evil.example", "victim@other.lg.jp", ""));
      SMTPAddressFailedException rcpt = (SMTPAddressFailedException) e.getNextException();
      assertEquals(554, rcpt.getReturnCode());
      assertContains(rcpt.getMessage(), "5.7.1");
      assertContains(rcpt.getMessage(), "Relay access denied");
    }
  }

  @Test
  void rcpt_clientOutsideTheNetworks_mayStillMailALocalMailbox() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("a", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      InetAddress outsider = InetAddress.getByName("127.254.0.2");
      String id = submit(c, "a", outsider, "x@example.jp", "user@a.lg.jp", "");
      c.await("delivered", TraceType.DELIVERED, id, "a");
    }
  }

  @Test
  void data_tooManyReceivedHeaders_isRefusedAsALoop() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("a", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String received =
          "Received: from x by y with ESMTP id Z; Thu, 3 Dec 2026 10:00:00 +0900\r\n".repeat(50);
      SMTPSendFailedException e =
          assertThrows(
              SMTPSendFailedException.class,
              () -> submit(c, "a", null, "x@a.lg.jp", "user@a.lg.jp", received));
      assertEquals(554, e.getReturnCode());
      assertContains(e.getMessage(), "5.4.6");
    }
  }

  @Test
  void data_accepted_getsReceivedHeaderAndQueueIdInTheReply() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("a", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = submit(c, "a", null, "x@a.lg.jp", "user@a.lg.jp", "");
      TraceEvent received = c.await("received", TraceType.RECEIVED, id, "a");
      c.await("delivered", TraceType.DELIVERED, id, "a");
      String raw = c.inbox("a", "user@a.lg.jp", "pass-a.lg.jp").get(0);
      assertContains(raw, "by mail.a.lg.jp (LGWAN-Sim) with ESMTP id " + received.queueId());
      assertContains(raw, "for <user@a.lg.jp>");
    }
  }

  /** Sends one message with extra raw headers from {@code source} (null = the default). */
  private static String submit(
      RunningCluster c, String node, InetAddress source, String from, String to, String headers)
      throws MessagingException {
    Properties p = new Properties();
    if (source != null) {
      p.put("mail.smtp.localaddress", source.getHostAddress());
    }
    Session session = Session.getInstance(p);
    String messageId = java.util.UUID.randomUUID() + "@test.example";
    String text =
        headers
            + "From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: policy\r\nMessage-ID: <"
            + messageId
            + ">\r\n\r\nbody\r\n";
    MimeMessage m =
        new MimeMessage(
            session,
            new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    InetSocketAddress at = c.node(node).smtpAddress(TopologyBuilder.NETWORK).orElseThrow();
    try (SMTPTransport tr = (SMTPTransport) session.getTransport("smtp")) {
      tr.connect(at.getAddress().getHostAddress(), at.getPort(), null, null);
      tr.sendMessage(m, new InternetAddress[] {new InternetAddress(to)});
    }
    return messageId;
  }
}
