package jp.lgwansim.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * One message in a mailbox, parsed for reading: the summary in {@code GET
 * /api/mailboxes/{address}/messages}, and with headers, text and raw source in {@code
 * .../messages/{n}}.
 *
 * @param index its place in the INBOX from 1, oldest first (like an IMAP sequence number)
 * @param messageId the Message-ID without angle brackets
 * @param from the From header, decoded
 * @param to the To header, decoded
 * @param subject the subject, decoded
 * @param date the Date header (ISO-8601), absent when missing
 * @param size bytes of the raw source
 * @param headers every header in order, encoded words decoded (detail only)
 * @param received the {@code Received:} headers, newest first as in the message (detail only)
 * @param text the first text/plain part (detail only)
 * @param raw the whole source as the mailbox holds it (detail only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredMailDocument(
    int index,
    String messageId,
    String from,
    String to,
    String subject,
    String date,
    int size,
    List<HeaderLine> headers,
    List<String> received,
    String text,
    String raw) {

  record HeaderLine(String name, String value) {}

  private static final Session PARSING = Session.getInstance(new Properties());

  /** The biggest source shown whole; beyond it the dashboard gets the head and says so. */
  static final int MAX_RAW_CHARS = 256 * 1024;

  static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(PARSING, new ByteArrayInputStream(raw));
  }

  static StoredMailDocument summary(int index, byte[] raw) throws MessagingException {
    MimeMessage m = parse(raw);
    Date date = m.getSentDate();
    return new StoredMailDocument(
        index,
        messageId(m),
        addresses(m.getFrom()),
        addresses(m.getRecipients(MimeMessage.RecipientType.TO)),
        m.getSubject() == null ? "" : m.getSubject(),
        date == null ? null : date.toInstant().toString(),
        raw.length,
        null,
        null,
        null,
        null);
  }

  static StoredMailDocument detail(int index, byte[] raw) throws MessagingException, IOException {
    StoredMailDocument s = summary(index, raw);
    MimeMessage m = parse(raw);
    List<HeaderLine> headers = new ArrayList<>();
    for (Header h : Collections.list(m.getAllHeaders())) {
      headers.add(new HeaderLine(h.getName(), decode(h.getValue())));
    }
    String[] received = m.getHeader("Received");
    List<String> receivedList = new ArrayList<>();
    if (received != null) {
      for (String r : received) {
        receivedList.add(MimeUtility.unfold(r).replaceAll("\\s+", " ").strip());
      }
    }
    String source = new String(raw, StandardCharsets.UTF_8);
    if (source.length() > MAX_RAW_CHARS) {
      source =
          source.substring(0, MAX_RAW_CHARS)
              + "\n… (以下省略 / truncated: "
              + raw.length
              + " bytes in all)";
    }
    return new StoredMailDocument(
        index,
        s.messageId(),
        s.from(),
        s.to(),
        s.subject(),
        s.date(),
        s.size(),
        headers,
        receivedList,
        text(m),
        source);
  }

  static String messageId(MimeMessage m) throws MessagingException {
    String id = m.getMessageID();
    return id == null ? "" : MessageTracker.stripBrackets(id.strip());
  }

  private static String addresses(Address[] list) {
    if (list == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (Address a : list) {
      out.add(a.toString());
    }
    return decode(String.join(", ", out));
  }

  private static String decode(String value) {
    try {
      // Unfolded and with its tabs as single spaces: one readable line per header.
      return MimeUtility.decodeText(MimeUtility.unfold(value)).replaceAll("[\\t ]+", " ").strip();
    } catch (UnsupportedEncodingException e) {
      return value;
    }
  }

  /** The first text/plain part, or a note that there is none. */
  private static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      Object content = part.getContent();
      return content instanceof String ? (String) content : "";
    }
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart b = mp.getBodyPart(i);
        String t = text(b);
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return "";
  }
}
