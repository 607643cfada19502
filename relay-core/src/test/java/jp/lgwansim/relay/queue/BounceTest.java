package jp.lgwansim.relay.queue;

import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NodeSpec.DeliverySpec;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;

/** Permanent failures come back to the sender's mailbox as RFC 3464 notices, over the network. */
class BounceTest {

  private static TopologyBuilder threeNodes() {
    return new TopologyBuilder()
        .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
        .node(
            "relay",
            "relay.lgwan.jp",
            new DeliverySpec(DeliveryMode.MX, java.util.Optional.empty()),
            java.util.Map.of("b.lg.jp", "[mail.b.lg.jp]"),
            new String[0])
        .mxNode("target", "mail.b.lg.jp", "b.lg.jp")
        .record("b.lg.jp", "MX", "10 relay.lgwan.jp.");
  }

  @Test
  void bounce_unknownDomain_putsADsnNamingTheDomainAndTheLookupInTheSendersMailbox()
      throws Exception {
    try (RunningCluster c = new RunningCluster(threeNodes().build())) {
      String id = c.send("sender", "user@a.lg.jp", "someone@nosuch.lg.jp");
      c.await("failed", TraceType.FAILED, id, "sender");
      MimeMessage dsn = awaitOnlyMail(c, "sender", "user@a.lg.jp", "pass-a.lg.jp");

      assertTrue(dsn.isMimeType("multipart/report"), dsn.getContentType());
      assertContains(dsn.getContentType(), "report-type=delivery-status");
      assertContains(dsn.getFrom()[0].toString(), "MAILER-DAEMON@mail.a.lg.jp");
      String raw = raw(dsn);
      assertContains(raw, "Status: 5.1.2");
      assertContains(raw, "Final-Recipient: rfc822; someone@nosuch.lg.jp");
      String text = text(dsn);
      assertContains(text, "nosuch.lg.jp");
      assertContains(text, "NXDOMAIN");
      assertContains(text, "MXレコードが表示されない場合、DNSは正しく構成されていません");
    }
  }

  @Test
  void bounce_remote550_travelsBackOverTheNetworkFromTheRelay() throws Exception {
    try (RunningCluster c = new RunningCluster(threeNodes().build())) {
      String id = c.send("sender", "user@a.lg.jp", "nobody@b.lg.jp");
      c.await("failed at relay", TraceType.FAILED, id, "relay");
      MimeMessage dsn = awaitOnlyMail(c, "sender", "user@a.lg.jp", "pass-a.lg.jp");
      assertContains(dsn.getFrom()[0].toString(), "MAILER-DAEMON@relay.lgwan.jp");
      String raw = raw(dsn);
      assertContains(raw, "Status: 5.1.1");
      assertContains(raw, "Remote-MTA: dns; mail.b.lg.jp");
      assertContains(raw, "Diagnostic-Code: smtp; 550 5.1.1");
      // The notice itself was relayed from the relay node to the sender's node.
      String noticeId = dsn.getHeader("Message-ID")[0].replaceAll("[<>]", "");
      TraceEvent back = c.await("notice relayed", TraceType.RELAYED, noticeId, "relay");
      assertEquals("sender", back.attribute("nextNode"));
    }
  }

  @Test
  void bounce_ofABounce_isDroppedNotReturned() throws Exception {
    try (RunningCluster c = new RunningCluster(threeNodes().build())) {
      // The sender's own domain does not exist either: its notice cannot be delivered.
      String id = c.send("sender", "ghost@nowhere.lg.jp", "someone@nosuch.lg.jp");
      TraceEvent noticeMade =
          c.trace()
              .await(
                  "notice made",
                  e -> e.type() == TraceType.RECEIVED && id.equals(e.attribute("about")),
                  RunningCluster.DEADLINE);
      TraceEvent dropped =
          c.trace()
              .await(
                  "notice dropped",
                  e ->
                      e.type() == TraceType.FAILED
                          && e.messageId().equals(noticeMade.messageId())
                          && e.attribute("reason").equals("bounce not returned"),
                  RunningCluster.DEADLINE);
      assertContains(dropped.text().ja(), "破棄");
      long notices =
          c.trace().events().stream()
              .filter(e -> e.type() == TraceType.RECEIVED && e.attribute("client").equals("local"))
              .count();
      assertEquals(1, notices, "exactly one notice, about the original; none about the notice");
    }
  }

  @Test
  void bounce_queueLifetimeOver_returnsTheMailWith447() throws Exception {
    QueueSettings shortLife =
        QueueSettings.DEFAULTS.withBackoff(
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(600));
    try (RunningCluster c = new RunningCluster(threeNodes().queue(shortLife).build())) {
      c.node("relay").close();
      String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, "sender");
      assertContains(failed.attribute("reason"), "4.4.7");
      String raw = raw(awaitOnlyMail(c, "sender", "user@a.lg.jp", "pass-a.lg.jp"));
      assertContains(raw, "Action: failed");
      assertContains(raw, "Status: 4.4.7");
    }
  }

  @Test
  void delayWarning_sentOnceWhileTheMailKeepsBeingRetried() throws Exception {
    QueueSettings warnFast =
        QueueSettings.DEFAULTS
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMinutes(5))
            .withDelayWarningTime(Duration.ofMillis(300));
    try (RunningCluster c = new RunningCluster(threeNodes().queue(warnFast).build())) {
      c.node("relay").close();
      String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      MimeMessage warning = awaitOnlyMail(c, "sender", "user@a.lg.jp", "pass-a.lg.jp");
      String raw = raw(warning);
      assertContains(raw, "Action: delayed");
      assertContains(raw, "Will-Retry-Until:");
      // Several more retries happen; no second warning comes.
      TraceEvent later =
          c.trace()
              .await(
                  "three more deferrals",
                  e ->
                      e.type() == TraceType.DEFERRED
                          && e.messageId().equals(id)
                          && c.trace().events().stream()
                                  .filter(
                                      x ->
                                          x.type() == TraceType.DEFERRED
                                              && x.messageId().equals(id))
                                  .count()
                              >= 6,
                  RunningCluster.DEADLINE);
      assertTrue(later.seq() > 0);
      assertEquals(1, c.inbox("sender", "user@a.lg.jp", "pass-a.lg.jp").size());
    }
  }

  /** Waits until the mailbox holds a message, and returns the one message it holds. */
  private static MimeMessage awaitOnlyMail(
      RunningCluster c, String node, String address, String password) throws Exception {
    c.trace()
        .await(
            "a delivery to " + address,
            e ->
                e.type() == TraceType.DELIVERED
                    && e.node().equals(node)
                    && e.attribute("mailbox").equals(address),
            RunningCluster.DEADLINE);
    List<String> inbox = c.inbox(node, address, password);
    assertEquals(1, inbox.size(), "one message in " + address + ": " + inbox);
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(inbox.get(0).getBytes(StandardCharsets.UTF_8)));
  }

  private static String raw(MimeMessage m) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The human-readable first part, decoded. */
  private static String text(MimeMessage m) throws Exception {
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) m.getContent();
    return (String) parts.getBodyPart(0).getContent();
  }
}
