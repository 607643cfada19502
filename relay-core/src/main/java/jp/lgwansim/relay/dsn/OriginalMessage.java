package jp.lgwansim.relay.dsn;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * The message a notice is about, as the spool knows it. Its own record rather than the queue's
 * {@code Envelope}, so that the queue can depend on this package and not the other way round.
 *
 * @param queueId the reporting node's queue id of the message
 * @param messageId its {@code Message-ID}, with or without angle brackets; empty when it had none
 * @param sender its envelope sender (MAIL FROM), the one the notice goes back to; never empty
 * @param subject its decoded subject, for people; may be empty
 * @param arrival when the reporting node accepted it
 * @param content its bytes as spooled (headers, blank line, body); only the headers are returned
 */
public record OriginalMessage(
    String queueId,
    String messageId,
    String sender,
    String subject,
    Instant arrival,
    byte[] content) {

  public OriginalMessage {
    Objects.requireNonNull(queueId, "queueId");
    messageId = stripAngles(Objects.requireNonNull(messageId, "messageId").strip());
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(content, "content");
    if (DeliveryStatusNotification.isBounce(sender)) {
      // RFC 3464 §2 and RFC 5321 §4.5.5: a message from the null sender is never answered, or two
      // MTAs that cannot reach each other's MAILER-DAEMON would bounce bounces forever.
      throw new IllegalArgumentException(
          "message "
              + queueId
              + " has the null sender <>: a bounce never bounces (drop it and trace it)");
    }
  }

  /**
   * The header section of {@link #content()}, up to and without the blank line, every line ended by
   * CRLF whatever the spool used. Bytes are kept as they are (8-bit headers stay 8-bit).
   */
  public byte[] headers() {
    int end = content.length;
    for (int i = 0; i < content.length; i++) {
      if (content[i] != '\n') {
        continue;
      }
      // A line feed followed by an empty line (LF or CRLF) ends the header section.
      if (i + 1 < content.length && content[i + 1] == '\n') {
        end = i + 1;
        break;
      }
      if (i + 2 < content.length && content[i + 1] == '\r' && content[i + 2] == '\n') {
        end = i + 1;
        break;
      }
    }
    if (content.length > 0 && (content[0] == '\n' || content[0] == '\r')) {
      end = 0; // no headers at all
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(end + 2);
    for (int i = 0; i < end; i++) {
      byte b = content[i];
      if (b == '\r') {
        continue; // written back before each LF; a bare CR (RFC 5322 forbids it) is dropped
      }
      if (b == '\n') {
        out.write('\r');
      }
      out.write(b);
    }
    byte[] headers = out.toByteArray();
    if (headers.length > 0 && headers[headers.length - 1] != '\n') {
      out.write('\r');
      out.write('\n');
      headers = out.toByteArray();
    }
    return headers;
  }

  private static String stripAngles(String id) {
    if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
      return id.substring(1, id.length() - 1);
    }
    return id;
  }
}
