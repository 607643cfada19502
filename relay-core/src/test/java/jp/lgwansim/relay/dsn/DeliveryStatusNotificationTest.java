package jp.lgwansim.relay.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import jp.lgwansim.relay.trace.Bilingual;
import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationTest {
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Instant ARRIVAL = Instant.parse("2026-12-03T00:00:00Z");
  private static final Instant NOW = ARRIVAL.plusSeconds(7);

  private static final String ORIGINAL_HEADERS =
      "Received: from mail.city-a.lg.jp (mail.city-a.lg.jp [127.10.1.1])\r\n"
          + "\tby relay.lgwan.jp with ESMTP id Q7F3A; Thu, 3 Dec 2026 09:00:00 +0900\r\n"
          + "From: 山田太郎 <taro@city-a.lg.jp>\r\n"
          + "To: <hanako@nosuch.lg.jp>\r\n"
          + "Subject: =?UTF-8?B?5Lya6K2w44Gu44GU5qGI5YaF?=\r\n"
          + "Message-ID: <orig-1@city-a.lg.jp>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n";
  private static final byte[] ORIGINAL =
      (ORIGINAL_HEADERS + "\r\n本文: 12月の会議のご案内です。\r\n").getBytes(StandardCharsets.UTF_8);

  private static OriginalMessage original() {
    return new OriginalMessage(
        "Q7F3A", "orig-1@city-a.lg.jp", "taro@city-a.lg.jp", "会議のご案内", ARRIVAL, ORIGINAL);
  }

  /** A市 sends to a domain LGWAN's DNS does not know: NXDOMAIN for the MX query, 5.1.2. */
  private static DsnRequest nxdomain() {
    RecipientReport r =
        RecipientReport.failed(
                "hanako@nosuch.lg.jp",
                "5.1.2",
                "X-LGWAN-Sim; no MX and no A for nosuch.lg.jp",
                NOW,
                Bilingual.of(
                    "宛先ドメイン nosuch.lg.jp は LGWAN の DNS に存在しません",
                    "the domain nosuch.lg.jp does not exist in LGWAN's DNS"))
            .withOriginalRecipient("hanako@nosuch.lg.jp")
            .withAsked(
                Bilingual.of(
                    "LGWAN の DNS (127.10.0.53) に nosuch.lg.jp の MX を問い合わせ、"
                        + "NXDOMAIN (MXもAもなし) の応答を得ました",
                    "asked LGWAN's DNS (127.10.0.53) for the MX of nosuch.lg.jp; the answer"
                        + " was NXDOMAIN (no MX and no A)"))
            .withFix(
                Bilingual.of(
                    "MXレコードが表示されない場合、DNSは正しく構成されていません。" + "宛先アドレスのドメインを確かめてください",
                    "No MX record shown: DNS is not configured correctly. Check the domain of"
                        + " the address"));
    return new DsnRequest("mail.city-a.lg.jp", "A市メールサーバ", original(), List.of(r), NOW);
  }

  /** B町's server answers 550 5.1.1 at RCPT for two unknown users. */
  private static DsnRequest remote550() {
    List<RecipientReport> rs = new ArrayList<>();
    for (String who : List.of("nobody", "ghost")) {
      String addr = who + "@town-b.lg.jp";
      rs.add(
          RecipientReport.failed(
                  addr,
                  "5.1.1",
                  "smtp; 550 5.1.1 <" + addr + ">: Recipient address rejected: User unknown",
                  NOW,
                  Bilingual.of(
                      "mail.town-b.lg.jp が宛先 " + addr + " を知らないと答えました",
                      "mail.town-b.lg.jp said it has no user " + addr))
              .withRemoteMta("mail.town-b.lg.jp")
              .withAsked(
                  Bilingual.of(
                      "RCPT TO:<" + addr + "> に 550 5.1.1 の応答", "RCPT TO:<" + addr + "> got 550"))
              .withFix(Bilingual.of("宛先アドレスのつづりを確かめてください", "Check the spelling of the address")));
    }
    return new DsnRequest("relay.lgwan.jp", "LGWANメール中継サーバ", original(), rs, NOW);
  }

  /** B町's server is stopped: connection refused for a while, still retried (4.4.1). */
  private static DsnRequest delayed() {
    RecipientReport r =
        RecipientReport.delayed(
                "hanako@town-b.lg.jp",
                "4.4.1",
                "X-LGWAN-Sim; connect to mail.town-b.lg.jp[127.10.2.1]:25: Connection refused",
                NOW,
                ARRIVAL.plus(Duration.ofMinutes(30)),
                Bilingual.of(
                    "mail.town-b.lg.jp に接続できません (接続拒否)",
                    "cannot connect to mail.town-b.lg.jp (connection refused)"))
            .withRemoteMta("mail.town-b.lg.jp");
    return new DsnRequest("relay.lgwan.jp", "LGWANメール中継サーバ", original(), List.of(r), NOW);
  }

  private static MimeMessage parse(DsnMessage dsn) throws Exception {
    return new MimeMessage(SESSION, new ByteArrayInputStream(dsn.content()));
  }

  private static MimeMultipart report(DsnMessage dsn) throws Exception {
    return (MimeMultipart) parse(dsn).getContent();
  }

  /** The per-message block, then one block per recipient, each parsed as headers. */
  private static List<InternetHeaders> statusBlocks(DsnMessage dsn) throws Exception {
    List<InternetHeaders> blocks = new ArrayList<>();
    try (InputStream in = report(dsn).getBodyPart(1).getInputStream()) {
      while (true) {
        InternetHeaders h = new InternetHeaders(in);
        if (!h.getAllHeaders().hasMoreElements()) {
          return blocks;
        }
        blocks.add(h);
      }
    }
  }

  private static String text(DsnMessage dsn) throws Exception {
    return (String) report(dsn).getBodyPart(0).getContent();
  }

  @Test
  void render_nxdomain_isMultipartReportOfTextStatusAndHeaders() throws Exception {
    DsnMessage dsn = DeliveryStatusNotification.render(nxdomain());
    MimeMessage m = parse(dsn);
    ContentType type = new ContentType(m.getContentType());
    assertEquals("multipart/report", type.getBaseType());
    assertEquals("delivery-status", type.getParameter("report-type"));

    MimeMultipart parts = report(dsn);
    assertEquals(3, parts.getCount());
    ContentType text = new ContentType(parts.getBodyPart(0).getContentType());
    assertEquals("text/plain", text.getBaseType());
    assertTrue("UTF-8".equalsIgnoreCase(text.getParameter("charset")));
    assertTrue(parts.getBodyPart(1).isMimeType("message/delivery-status"));
    assertTrue(parts.getBodyPart(2).isMimeType("text/rfc822-headers"));
    assertEquals(
        "UTF-8",
        new ContentType(parts.getBodyPart(2).getContentType()).getParameter("charset"),
        "8-bit original headers are UTF-8 (RFC 6532), whatever the JVM's default charset");
  }

  @Test
  void render_nxdomain_deliveryStatusNamesTheDomainAndTheFailedLookup() throws Exception {
    DsnMessage dsn = DeliveryStatusNotification.render(nxdomain());
    List<InternetHeaders> blocks = statusBlocks(dsn);
    assertEquals(2, blocks.size());

    InternetHeaders perMessage = blocks.get(0);
    assertEquals("dns; mail.city-a.lg.jp", perMessage.getHeader("Reporting-MTA", null));
    assertEquals("Q7F3A", perMessage.getHeader("X-LGWAN-Sim-Queue-ID", null));
    assertEquals(
        "A市メールサーバ",
        jakarta.mail.internet.MimeUtility.decodeText(
            perMessage.getHeader("X-LGWAN-Sim-Node", null)));
    assertEquals(
        ARRIVAL,
        new MailDateFormat().parse(perMessage.getHeader("Arrival-Date", null)).toInstant());

    InternetHeaders r = blocks.get(1);
    assertEquals("rfc822; hanako@nosuch.lg.jp", r.getHeader("Final-Recipient", null));
    assertEquals("rfc822; hanako@nosuch.lg.jp", r.getHeader("Original-Recipient", null));
    assertEquals("failed", r.getHeader("Action", null));
    assertEquals("5.1.2", r.getHeader("Status", null));
    assertEquals(
        "X-LGWAN-Sim; no MX and no A for nosuch.lg.jp", r.getHeader("Diagnostic-Code", null));
    assertNull(r.getHeader("Remote-MTA"), "no remote server was reached");
    assertNull(r.getHeader("Will-Retry-Until"), "a bounce is not retried");
    assertEquals(
        NOW, new MailDateFormat().parse(r.getHeader("Last-Attempt-Date", null)).toInstant());
  }

  @Test
  void render_remote550_reportsEachRecipientWithTheRemoteServerAndItsReply() throws Exception {
    List<InternetHeaders> blocks = statusBlocks(DeliveryStatusNotification.render(remote550()));
    assertEquals(3, blocks.size());
    assertEquals("dns; relay.lgwan.jp", blocks.get(0).getHeader("Reporting-MTA", null));
    int i = 1;
    for (String who : List.of("nobody", "ghost")) {
      InternetHeaders r = blocks.get(i++);
      String addr = who + "@town-b.lg.jp";
      assertEquals("rfc822; " + addr, r.getHeader("Final-Recipient", null));
      assertEquals("failed", r.getHeader("Action", null));
      assertEquals("5.1.1", r.getHeader("Status", null));
      assertEquals("dns; mail.town-b.lg.jp", r.getHeader("Remote-MTA", null));
      // Folded at a space if long; unfolding gives back the reply as the server wrote it.
      assertEquals(
          "smtp; 550 5.1.1 <" + addr + ">: Recipient address rejected: User unknown",
          jakarta.mail.internet.MimeUtility.unfold(r.getHeader("Diagnostic-Code", null)));
    }
  }

  @Test
  void render_delayed_saysDelayedUntilWhenAndWarnsOnly() throws Exception {
    DsnMessage dsn = DeliveryStatusNotification.render(delayed());
    InternetHeaders r = statusBlocks(dsn).get(1);
    assertEquals("delayed", r.getHeader("Action", null));
    assertEquals("4.4.1", r.getHeader("Status", null));
    assertEquals(
        ARRIVAL.plus(Duration.ofMinutes(30)),
        new MailDateFormat().parse(r.getHeader("Will-Retry-Until", null)).toInstant());
    assertEquals("配送が遅れています / Delayed Mail (still being retried)", parse(dsn).getSubject());
    String text = text(dsn);
    assertTrue(text.contains("送り直す必要はありません"), text);
    assertTrue(text.contains("YOU DO NOT NEED TO RESEND YOUR MESSAGE"), text);
  }

  @Test
  void render_nxdomain_textSaysNodeQueryAndFixInJapaneseThenEnglish() throws Exception {
    String text = text(DeliveryStatusNotification.render(nxdomain()));
    for (String s :
        List.of(
            "A市メールサーバ",
            "mail.city-a.lg.jp",
            "hanako@nosuch.lg.jp",
            "nosuch.lg.jp の MX を問い合わせ",
            "MXレコードが表示されない場合、DNSは正しく構成されていません",
            "asked LGWAN's DNS (127.10.0.53) for the MX of nosuch.lg.jp",
            "No MX record shown: DNS is not configured correctly",
            "5.1.2",
            "orig-1@city-a.lg.jp")) {
      assertTrue(text.contains(s), () -> "missing \"" + s + "\" in:\n" + text);
    }
    assertTrue(
        text.indexOf("DNSは正しく構成されていません") < text.indexOf("DNS is not configured"),
        "Japanese comes first");
  }

  @Test
  void render_nxdomain_headersMakeAnAutoReplyFromMailerDaemonToTheSender() throws Exception {
    DsnMessage dsn = DeliveryStatusNotification.render(nxdomain());
    MimeMessage m = parse(dsn);

    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertEquals("MAILER-DAEMON@mail.city-a.lg.jp", from.getAddress());
    assertEquals("Mail Delivery System", from.getPersonal());
    assertEquals(
        "taro@city-a.lg.jp",
        ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
    assertEquals("配送できませんでした / Undelivered Mail Returned to Sender", m.getSubject());
    assertEquals(m.getSubject(), dsn.subject());
    assertTrue(m.getHeader("Subject", null).startsWith("=?UTF-8?"), "MIME-encoded subject");
    assertEquals("auto-replied", m.getHeader("Auto-Submitted", null));
    assertEquals("<orig-1@city-a.lg.jp>", m.getHeader("In-Reply-To", null));
    assertEquals("<orig-1@city-a.lg.jp>", m.getHeader("References", null));
    assertEquals("<" + dsn.messageId() + ">", m.getHeader("Message-ID", null));
    assertTrue(dsn.messageId().endsWith("@mail.city-a.lg.jp"), dsn.messageId());
    assertEquals(NOW, m.getSentDate().toInstant());

    assertEquals("", dsn.sender(), "a notice goes out from the null sender <>");
    assertEquals("taro@city-a.lg.jp", dsn.recipient());
  }

  @Test
  void render_sameMessageTwice_givesEachNoticeItsOwnMessageId() {
    assertNotEquals(
        DeliveryStatusNotification.render(nxdomain()).messageId(),
        DeliveryStatusNotification.render(nxdomain()).messageId());
  }

  @Test
  void render_nxdomain_returnsTheOriginalHeadersButNotItsBody() throws Exception {
    BodyPart headers = report(DeliveryStatusNotification.render(nxdomain())).getBodyPart(2);
    byte[] bytes;
    try (InputStream in = headers.getInputStream()) {
      bytes = in.readAllBytes();
    }
    String returned = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(ORIGINAL_HEADERS, returned);
    InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(bytes));
    assertEquals("<orig-1@city-a.lg.jp>", parsed.getHeader("Message-ID", null));
    assertFalse(returned.contains("会議のご案内です"), "the body stays out");
  }

  @Test
  void render_anyNotice_everyLineEndsWithCrlfAndFitsIn998Octets() {
    String longToken = "x".repeat(2_000);
    RecipientReport hostile =
        RecipientReport.failed(
            "hanako@town-b.lg.jp",
            "5.3.0",
            "smtp; 554-5.3.0 first line\r\n554 5.3.0 " + longToken + " 日本語の応答",
            NOW,
            Bilingual.of("長い応答", "a long reply"));
    // An original spooled with bare LF line ends and an over-long header line.
    byte[] lfOriginal =
        ("Message-ID: <lf@city-a.lg.jp>\nX-Long: " + "y".repeat(1_500) + "\n\nbody\n")
            .getBytes(StandardCharsets.UTF_8);
    DsnRequest withHostileInput =
        new DsnRequest(
            "relay.lgwan.jp",
            "LGWANメール中継サーバ",
            new OriginalMessage(
                "Q1", "<lf@city-a.lg.jp>", "taro@city-a.lg.jp", "", ARRIVAL, lfOriginal),
            List.of(hostile),
            NOW);
    for (DsnRequest request : List.of(nxdomain(), remote550(), delayed(), withHostileInput)) {
      byte[] b = DeliveryStatusNotification.render(request).content();
      assertTrue(b.length > 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n');
      int lineStart = 0;
      for (int i = 0; i < b.length; i++) {
        if (b[i] == '\n') {
          assertTrue(i > 0 && b[i - 1] == '\r', "bare LF at octet " + i);
          assertTrue(i - 1 - lineStart <= 998, "line longer than 998 octets at " + lineStart);
          lineStart = i + 1;
        } else if (b[i] == '\r') {
          assertTrue(i + 1 < b.length && b[i + 1] == '\n', "bare CR at octet " + i);
        }
      }
    }
  }

  @Test
  void render_hostileReply_keepsTheDeliveryStatusToAsciiFields() throws Exception {
    RecipientReport r =
        RecipientReport.failed(
            "hanako@town-b.lg.jp",
            "5.7.1",
            "smtp; 550 5.7.1 拒否\r\nAction: delivered",
            NOW,
            Bilingual.of("拒否されました", "rejected"));
    DsnMessage dsn =
        DeliveryStatusNotification.render(
            new DsnRequest("relay.lgwan.jp", "relay", original(), List.of(r), NOW));
    InternetHeaders block = statusBlocks(dsn).get(1);
    assertEquals("failed", block.getHeader("Action", null), "a reply cannot add a field");
    assertEquals(
        "smtp; 550 5.7.1 ?? Action: delivered",
        jakarta.mail.internet.MimeUtility.unfold(block.getHeader("Diagnostic-Code", null)));
  }

  @Test
  void isBounce_nullSender_isTrueSoTheQueueNeverAnswersIt() {
    assertTrue(DeliveryStatusNotification.isBounce(DeliveryStatusNotification.NULL_SENDER));
    assertTrue(DeliveryStatusNotification.isBounce("<>"));
    assertFalse(DeliveryStatusNotification.isBounce("taro@city-a.lg.jp"));
  }

  @Test
  void originalMessage_fromNullSender_isRefusedSoABounceNeverBounces() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OriginalMessage("Q1", "x@y", "", "", ARRIVAL, ORIGINAL));
    assertTrue(e.getMessage().contains("never bounces"), e.getMessage());
  }

  @Test
  void dsnRequest_failedAndDelayedMixed_isRefused() {
    List<RecipientReport> mixed =
        List.of(nxdomain().recipients().get(0), delayed().recipients().get(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DsnRequest("relay.lgwan.jp", "relay", original(), mixed, NOW));
  }

  @Test
  void recipientReport_delayedWithPermanentStatus_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RecipientReport.delayed("a@b", "5.1.1", "smtp; 550", NOW, NOW, Bilingual.of("x", "x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecipientReport.failed("a@b", "5.1", "smtp; 550", NOW, Bilingual.of("x", "x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecipientReport.failed("a@b", "5.1.1", "550 no type", NOW, Bilingual.of("x", "x")));
  }
}
