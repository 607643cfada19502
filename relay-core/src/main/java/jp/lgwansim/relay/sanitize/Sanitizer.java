package jp.lgwansim.relay.sanitize;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Makes a message from the Internet harmless, as the security cloud of the three-layer separation
 * model does before mail enters LGWAN (無害化): the body becomes plain text (HTML reduced to its
 * text), every attachment is removed and listed, and a note in Japanese and English says what was
 * done and where the original is kept. Headers that say who sent it, to whom, when and about what
 * are kept; the MIME structure is not.
 *
 * <p>A message that cannot be parsed is not passed on as it is: it becomes a note that says so,
 * with no body at all, since an unreadable message is exactly what must not enter.
 */
public final class Sanitizer {
  /** Headers that describe the old MIME structure, dropped because the structure is replaced. */
  private static final Set<String> STRUCTURE =
      Set.of("content-type", "content-transfer-encoding", "mime-version", "content-disposition");

  private static final Session PARSING = Session.getInstance(new Properties());

  /**
   * What was done.
   *
   * @param content the harmless message, CRLF line ends
   * @param removed one line per removed attachment: its file name, type and size
   */
  public record Result(byte[] content, List<String> removed) {
    public Result {
      removed = List.copyOf(removed);
    }
  }

  private final String quarantine;

  /**
   * @param quarantine the mailbox that keeps the originals, named in the note
   */
  public Sanitizer(String quarantine) {
    this.quarantine = quarantine;
  }

  public String quarantine() {
    return quarantine;
  }

  public Result sanitize(byte[] original) {
    List<String> removed = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    MimeMessage in;
    try {
      in = new MimeMessage(PARSING, new ByteArrayInputStream(original));
      collect(in, text, removed);
    } catch (MessagingException | IOException | RuntimeException e) {
      in = null;
      text.setLength(0);
      text.append("(本文を読み取れなかったため削除しました / the body could not be read, so it was removed)\n");
    }
    try {
      MimeMessage out = new MimeMessage(PARSING);
      if (in != null) {
        for (Enumeration<Header> h = in.getAllHeaders(); h.hasMoreElements(); ) {
          Header header = h.nextElement();
          if (!STRUCTURE.contains(header.getName().toLowerCase(Locale.ROOT))) {
            out.addHeader(header.getName(), header.getValue());
          }
        }
      }
      out.setText(note(removed) + "\n" + text, "UTF-8", "plain");
      out.setHeader("X-LGWAN-Sim-Sanitized", "yes; attachments-removed=" + removed.size());
      // saveChanges would replace the Message-ID, which is how the trace follows the mail.
      String[] id = in == null ? null : in.getHeader("Message-ID");
      out.saveChanges();
      if (id != null) {
        out.setHeader("Message-ID", id[0]);
      } else {
        out.removeHeader("Message-ID");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(original.length);
      out.writeTo(bytes);
      return new Result(bytes.toByteArray(), removed);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("building a plain-text message cannot fail", e);
    }
  }

  /** Walks the MIME tree: text parts are kept as text, anything else is listed and dropped. */
  private static void collect(Part part, StringBuilder text, List<String> removed)
      throws MessagingException, IOException {
    String disposition = part.getDisposition();
    boolean attachment =
        Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
    if (!attachment && part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      // multipart/alternative: the plain version if there is one, not the same text twice.
      if (part.isMimeType("multipart/alternative")) {
        BodyPart best = multipart.getBodyPart(0);
        for (int i = 0; i < multipart.getCount(); i++) {
          if (multipart.getBodyPart(i).isMimeType("text/plain")) {
            best = multipart.getBodyPart(i);
          }
        }
        collect(best, text, removed);
        return;
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), text, removed);
      }
      return;
    }
    if (!attachment && part.isMimeType("text/plain")) {
      text.append(part.getContent()).append('\n');
      return;
    }
    if (!attachment && part.isMimeType("text/html")) {
      text.append(Jsoup.parse((String) part.getContent()).wholeText().strip()).append('\n');
      return;
    }
    removed.add(describe(part));
  }

  private static String describe(Part part) throws MessagingException, IOException {
    String name = part.getFileName() == null ? "(名前なし / no name)" : part.getFileName();
    String type = part.getContentType().split(";")[0].trim();
    long size;
    try (InputStream in = part.getInputStream()) {
      size = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return name + " (" + type + ", " + size + " bytes)";
  }

  private String note(List<String> removed) {
    StringBuilder n = new StringBuilder();
    n.append("【無害化済み】このメールはインターネットから届いたため、セキュリティクラウドで本文をテキストに変換し、")
        .append("添付ファイルを削除しました。元のメールは ")
        .append(quarantine)
        .append(" に保管されています。\n");
    n.append("[Sanitized] This mail came from the Internet: the security cloud reduced it to plain")
        .append(" text and removed its attachments. The original is kept in ")
        .append(quarantine)
        .append(".\n");
    if (!removed.isEmpty()) {
      n.append("削除した添付ファイル / Removed attachments:\n");
      for (String r : removed) {
        n.append("  - ").append(r).append('\n');
      }
    }
    n.append("----------------------------------------\n");
    return n.toString();
  }
}
