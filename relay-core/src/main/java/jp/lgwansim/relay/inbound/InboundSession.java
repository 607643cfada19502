package jp.lgwansim.relay.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.queue.Envelope;
import jp.lgwansim.relay.queue.QueueManager;
import jp.lgwansim.relay.sanitize.Sanitizer;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP transaction (MAIL, RCPT..., DATA) at one node. SubEthaSMTP makes one per transaction and
 * calls it from the connection's thread.
 */
final class InboundSession implements MessageHandler {
  private final MessageContext context;
  private final String network;
  private final InboundSettings settings;
  private final RelayPolicy policy;
  private final QueueManager queue;
  private final TraceBus trace;
  private final Clock clock;
  private final FaultGate faults;
  private String sender = "";

  /** The RCPT fault is drawn once per message, so all its recipients share one fate. */
  private Optional<ReplyFault> rcptFault;

  private final List<String> recipients = new ArrayList<>();

  InboundSession(
      MessageContext context,
      String network,
      InboundSettings settings,
      RelayPolicy policy,
      QueueManager queue,
      TraceBus trace,
      Clock clock,
      FaultGate faults) {
    this.context = context;
    this.network = network;
    this.settings = settings;
    this.policy = policy;
    this.queue = queue;
    this.trace = trace;
    this.clock = clock;
    this.faults = faults;
  }

  @Override
  public void from(String from) throws RejectException {
    this.sender = from == null ? "" : from;
    Optional<ReplyFault> fault = faults.check(ReplyFault.Stage.MAIL);
    if (fault.isPresent()) {
      injected(fault.get(), "", "");
    }
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    if (rcptFault == null) {
      rcptFault = faults.check(ReplyFault.Stage.RCPT);
    } else {
      faults.delay();
    }
    if (rcptFault.isPresent()) {
      injected(rcptFault.get(), recipient, "");
    }
    Optional<Rejection> rejection = policy.checkRecipient(client(), recipient);
    if (rejection.isPresent()) {
      reject("RCPT", rejection.get(), recipient);
    }
    recipients.add(recipient);
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    byte[] chunk = new byte[8192];
    long total = 0;
    boolean tooBig = false;
    for (int n; (n = data.read(chunk)) > 0; ) {
      total += n;
      if (total > settings.maxMessageSize()) {
        tooBig = true; // keep draining, or the rest of the message is read as commands
      } else {
        buffer.write(chunk, 0, n);
      }
    }
    if (tooBig) {
      reject(
          "DATA",
          new Rejection(
              552,
              "5.3.4 Message size exceeds fixed limit of " + settings.maxMessageSize() + " bytes",
              Bilingual.of(
                  "メールが大きすぎます (上限 " + settings.maxMessageSize() + " バイト)",
                  "message larger than the limit of " + settings.maxMessageSize() + " bytes")),
          String.join(",", recipients));
    }
    byte[] original = buffer.toByteArray();
    Optional<Sanitizer.Result> sanitized = Optional.empty();
    if (settings.sanitizer().isPresent() && policy.isInternetClient(client())) {
      // 無害化: the original goes to the quarantine mailbox; only the harmless copy moves on.
      Sanitizer.Result r = settings.sanitizer().get().sanitize(original);
      settings.quarantine().accept(original);
      sanitized = Optional.of(r);
      original = r.content();
    }
    InternetHeaders headers = parseHeaders(original);
    Optional<ReplyFault> dataFault = faults.check(ReplyFault.Stage.DATA);
    if (dataFault.isPresent()) {
      // The content has been read, so the trace can name the message the client still holds.
      injected(
          dataFault.get(),
          String.join(",", recipients),
          stripAngles(firstHeader(headers, "Message-ID")));
    }
    String[] received = headers.getHeader("Received");
    int hops = received == null ? 0 : received.length;
    if (hops >= settings.hopLimit()) {
      reject(
          "DATA",
          new Rejection(
              554,
              "5.4.6 Too many hops (" + hops + " Received headers): mail forwarding loop",
              Bilingual.of(
                  "Received ヘッダが " + hops + " 個あります。メールがループしています",
                  hops + " Received headers: the mail is looping")),
          String.join(",", recipients));
    }

    String queueId = settings.queueIds().next();
    ZonedDateTime now = ZonedDateTime.now(clock);
    StringBuilder added = new StringBuilder();
    added.append(
        ReceivedHeader.format(
            context.getHelo().orElse(""), client(), settings.hostname(), queueId, recipients, now));
    String messageId = firstHeader(headers, "Message-ID");
    if (messageId.isEmpty()) {
      // As Postfix's cleanup: a message without Message-ID gets one at its first server.
      messageId = queueId + "@" + settings.hostname();
      added.append("Message-ID: <").append(messageId).append(">\r\n");
    } else {
      messageId = stripAngles(messageId);
    }
    if (firstHeader(headers, "Date").isEmpty()) {
      added.append("Date: ").append(ReceivedHeader.date(now)).append("\r\n");
    }
    byte[] prefix = added.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[prefix.length + original.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(original, 0, content, prefix.length, original.length);

    String subject = decode(firstHeader(headers, "Subject"));
    Envelope envelope =
        Envelope.accepted(queueId, messageId, sender, recipients, subject, clock.instant());
    try {
      queue.store(envelope, content);
    } catch (IOException e) {
      // Not on disk, so no 250: the client keeps the message and tries again.
      reject(
          "DATA",
          new Rejection(
              451,
              "4.3.0 Error: queue file write error",
              Bilingual.of(
                  "キューへの書き込みに失敗しました: " + e.getMessage(),
                  "could not write the queue file: " + e.getMessage())),
          String.join(",", recipients));
    }
    Map<String, String> attrs = new HashMap<>();
    attrs.put("from", sender);
    attrs.put("to", String.join(",", recipients));
    attrs.put("subject", subject);
    attrs.put("client", client().getHostAddress());
    attrs.put("helo", context.getHelo().orElse(""));
    attrs.put("size", Integer.toString(content.length));
    attrs.put("network", network);
    Bilingual text =
        Bilingual.of(
            settings.hostname()
                + " が "
                + client().getHostAddress()
                + " からメールを受け取り、キューに保存しました (キューID "
                + queueId
                + ")",
            settings.hostname()
                + " accepted the mail from "
                + client().getHostAddress()
                + " and queued it as "
                + queueId);
    if (sanitized.isPresent()) {
      int n = sanitized.get().removed().size();
      attrs.put("sanitized", Integer.toString(n));
      String q = settings.sanitizer().get().quarantine();
      text =
          Bilingual.of(
              text.ja() + "。インターネットからのメールなので無害化しました (添付ファイル " + n + " 個を削除、元のメールは " + q + " に保管)",
              text.en()
                  + "; it came from the Internet, so it was sanitized ("
                  + n
                  + " attachments removed, the original kept in "
                  + q
                  + ")");
    }
    trace.publish(settings.nodeId(), TraceType.RECEIVED, messageId, queueId, text, attrs);
    queue.deliverSoon(envelope);
    return "2.0.0 Ok: queued as " + queueId;
  }

  @Override
  public void done() {}

  private void reject(String stage, Rejection r, String to) throws RejectException {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("stage", stage);
    attrs.put("reply", r.code() + " " + r.reply());
    attrs.put("client", client().getHostAddress());
    attrs.put("from", sender);
    attrs.put("to", to);
    trace.publish(settings.nodeId(), TraceType.REJECTED, "", "", r.why(), attrs);
    throw new RejectException(r.code(), r.reply());
  }

  private void injected(ReplyFault fault, String to, String messageId) throws RejectException {
    faults.traced(fault, (InetSocketAddress) context.getRemoteAddress(), sender, to, messageId);
    throw new RejectException(fault.code(), fault.text());
  }

  private InetAddress client() {
    return ((InetSocketAddress) context.getRemoteAddress()).getAddress();
  }

  private static InternetHeaders parseHeaders(byte[] content) {
    try {
      return new InternetHeaders(new ByteArrayInputStream(content));
    } catch (MessagingException e) {
      // Unparsable headers are the sender's problem, not a reason to lose the mail.
      return new InternetHeaders();
    }
  }

  private static String firstHeader(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, null);
    return value == null ? "" : value.strip();
  }

  private static String stripAngles(String id) {
    String s = id.strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String decode(String text) {
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(text));
    } catch (UnsupportedEncodingException e) {
      return text;
    }
  }
}
