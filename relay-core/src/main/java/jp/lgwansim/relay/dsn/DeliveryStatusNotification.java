package jp.lgwansim.relay.dsn;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes a delivery status notification the way Postfix's bounce daemon does: a {@code
 * multipart/report; report-type=delivery-status} (RFC 3462) from {@code MAILER-DAEMON} of the
 * reporting node, to the original sender, in three parts:
 *
 * <ol>
 *   <li>{@code text/plain; charset=UTF-8}: for people, Japanese then English ({@link
 *       NotificationText});
 *   <li>{@code message/delivery-status}: for programs, RFC 3464 fields ({@link
 *       DeliveryStatusFields});
 *   <li>{@code text/rfc822-headers}: the original message's headers only, not its body, which is
 *       what Postfix returns for a large message and is enough to recognise the message without
 *       sending a big attachment back over the network it just failed to cross.
 * </ol>
 *
 * <p>The notice is marked {@code Auto-Submitted: auto-replied} (RFC 3834) and refers to the
 * original by {@code In-Reply-To} and {@code References}. Its envelope sender is the null sender
 * {@code <>} ({@link #NULL_SENDER}): whoever queues it must use that, and {@link #isBounce} tells
 * the queue manager which messages must never produce a notice of their own, so a bounce never
 * bounces (RFC 5321 §4.5.5).
 */
public final class DeliveryStatusNotification {

  /** The envelope sender of a notice (RFC 5321 §4.5.5): {@code MAIL FROM:<>}, stored empty. */
  public static final String NULL_SENDER = "";

  /** The local part notices come from, as in Postfix and sendmail. */
  public static final String MAILER_DAEMON = "MAILER-DAEMON";

  /** The display name of the notice's From, Postfix's words. */
  private static final String DISPLAY_NAME = "Mail Delivery System";

  /** Never read: notices are only written to bytes, not sent by Jakarta Mail. */
  private static final Session SESSION = Session.getInstance(new Properties());

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  private DeliveryStatusNotification() {}

  /**
   * True when {@code sender} is the null sender, i.e. the message is itself a notice (or another
   * auto-reply sent from {@code <>}). Such a message that fails is dropped and traced, never
   * answered with a notice.
   *
   * @param sender an envelope sender as stored ({@code ""}) or as written in SMTP ({@code <>})
   */
  public static boolean isBounce(String sender) {
    String s = Objects.requireNonNull(sender, "sender").strip();
    return s.isEmpty() || s.equals("<>");
  }

  /**
   * Makes the notice.
   *
   * @throws IllegalArgumentException when the original sender is not an address
   */
  public static DsnMessage render(DsnRequest request) {
    OriginalMessage original = request.original();
    String messageId = newMessageId(request);
    String subject = NotificationText.subject(request.action()).toString();
    try {
      MimeMessage message =
          new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
              // Our own id on the reporting host, not Jakarta Mail's (which names this JVM).
              setHeader("Message-ID", "<" + messageId + ">");
            }
          };
      message.setFrom(
          new InternetAddress(MAILER_DAEMON + "@" + request.reportingMta(), DISPLAY_NAME, "UTF-8"));
      message.setRecipient(MimeMessage.RecipientType.TO, recipient(original.sender()));
      message.setSubject(subject, "UTF-8");
      message.setHeader("Date", DeliveryStatusFields.date(request.now()));
      if (!original.messageId().isEmpty()) {
        message.setHeader("In-Reply-To", "<" + original.messageId() + ">");
        message.setHeader("References", "<" + original.messageId() + ">");
      }
      message.setHeader("Auto-Submitted", "auto-replied");

      MimeBodyPart text = new MimeBodyPart();
      text.setText(NotificationText.render(request), "UTF-8");
      text.setHeader("Content-Description", "Notification");

      MimeBodyPart status = new MimeBodyPart();
      status.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(
                  DeliveryStatusFields.render(request), "message/delivery-status")));
      status.setHeader("Content-Description", "Delivery report");

      MimeBodyPart headers = new MimeBodyPart();
      headers.setDataHandler(
          new DataHandler(
              // RFC 6532: 8-bit header text is UTF-8. Said here, not left to Jakarta Mail, whose
              // guess is the JVM's default charset.
              new ByteArrayDataSource(original.headers(), "text/rfc822-headers; charset=UTF-8")));
      headers.setHeader("Content-Description", "Undelivered Message Headers");

      MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
      report.addBodyPart(text);
      report.addBodyPart(status);
      report.addBodyPart(headers);
      message.setContent(report);
      message.saveChanges();

      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      message.writeTo(out);
      return new DsnMessage(messageId, original.sender(), subject, out.toByteArray());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    } catch (MessagingException e) {
      // Only our own input reaches Jakarta Mail here, and it was validated: this is a bug.
      throw new IllegalStateException("could not build the notice for " + original.queueId(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InternetAddress recipient(String sender) {
    try {
      return new InternetAddress(sender, true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException(
          "the original sender " + sender + " is not an address a notice can go to", e);
    }
  }

  /**
   * {@code <time.queueid.random@host>}, like Postfix's {@code <time.queueid@host>}: the queue id is
   * the original's (the notice has none yet), so a random part keeps two notices about one message
   * apart.
   */
  private static String newMessageId(DsnRequest request) {
    String time = ID_TIME.format(request.now().atZone(DeliveryStatusFields.ZONE));
    String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    String queueId = request.original().queueId().replaceAll("[^A-Za-z0-9]", "");
    return time
        + "."
        + (queueId.isEmpty() ? "" : queueId + ".")
        + random
        + "@"
        + request.reportingMta();
  }
}
