package jp.lgwansim.relay.dsn;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes the machine-readable part of a notice, the body of {@code message/delivery-status} (RFC
 * 3464 §2): per-message fields, a blank line, then one block per recipient, blocks separated by
 * blank lines. The field order follows Postfix's bounce daemon, which mail clients and log
 * analysers already know.
 *
 * <p>The fields are US-ASCII header lines (RFC 3464 §2.1), so anything else a remote server sent is
 * shown as {@code ?} here (the human-readable part keeps it), control characters become spaces (a
 * CR or LF from a reply must not start a field of its own), the node's label goes into an RFC 2047
 * encoded word, and a long value is folded at spaces so that no line passes 78 characters where it
 * can be helped and never 998 octets (RFC 5322 §2.1.1).
 */
final class DeliveryStatusFields {

  /** Where a value is folded when it has a space to fold at (RFC 5322 §2.1.1 "SHOULD"). */
  private static final int FOLD_AT = 78;

  /** The hard limit of a line without its CRLF (RFC 5322 §2.1.1 "MUST"). */
  private static final int MAX_LINE = 998;

  /**
   * LGWAN is a Japanese network and its trainees read Japanese time: every date of a notice is in
   * JST, whatever zone the machine running the simulation is in.
   */
  static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private DeliveryStatusFields() {}

  /** The body of the {@code message/delivery-status} part, every line ended by CRLF. */
  static byte[] render(DsnRequest request) {
    StringBuilder out = new StringBuilder(512);
    OriginalMessage original = request.original();
    field(out, "Reporting-MTA", "dns; " + request.reportingMta());
    if (!request.nodeLabel().isBlank()) {
      field(out, "X-LGWAN-Sim-Node", encodedWord(request.nodeLabel()));
    }
    if (!original.queueId().isBlank()) {
      field(out, "X-LGWAN-Sim-Queue-ID", original.queueId());
    }
    field(out, "X-LGWAN-Sim-Sender", "rfc822; " + original.sender());
    field(out, "Arrival-Date", date(original.arrival()));
    for (RecipientReport r : request.recipients()) {
      out.append("\r\n");
      field(out, "Final-Recipient", "rfc822; " + r.finalRecipient());
      r.originalRecipient().ifPresent(a -> field(out, "Original-Recipient", "rfc822; " + a));
      field(out, "Action", r.action().field());
      field(out, "Status", r.status());
      r.remoteMta().ifPresent(h -> field(out, "Remote-MTA", "dns; " + h));
      field(out, "Diagnostic-Code", r.diagnosticCode());
      field(out, "Last-Attempt-Date", date(r.lastAttempt()));
      r.willRetryUntil().ifPresent(t -> field(out, "Will-Retry-Until", date(t)));
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** An RFC 5322 date-time in JST, e.g. {@code Thu, 3 Dec 2026 09:00:00 +0900}. */
  static String date(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZONE));
  }

  private static String encodedWord(String text) {
    try {
      return MimeUtility.encodeText(text, "UTF-8", "B");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** Appends {@code name: value} CRLF, the value made US-ASCII and folded. */
  static void field(StringBuilder out, String name, String value) {
    String clean = ascii(value);
    int lineLength = name.length() + 1;
    out.append(name).append(':');
    boolean first = true;
    for (String word : clean.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!first && lineLength + 1 + word.length() > FOLD_AT) {
        out.append("\r\n");
        lineLength = 0;
      }
      // A word longer than a line can hold (a pathological reply) is cut: folding would not help.
      while (lineLength + 1 + word.length() > MAX_LINE) {
        int room = MAX_LINE - lineLength - 1;
        out.append(' ').append(word, 0, room).append("\r\n");
        lineLength = 0;
        word = word.substring(room);
      }
      out.append(' ').append(word);
      lineLength += 1 + word.length();
      first = false;
    }
    out.append("\r\n");
  }

  private static String ascii(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x20 || c == 0x7f) {
        s.append(' ');
      } else if (c > 0x7e) {
        s.append('?');
      } else {
        s.append((char) c);
      }
    }
    return s.toString();
  }
}
