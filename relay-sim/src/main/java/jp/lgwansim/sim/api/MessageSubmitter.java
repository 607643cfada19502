package jp.lgwansim.sim.api;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.SimulationHandle;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Submits a mail the way a staff member's mail client would: as MIME over real SMTP to the sender's
 * home node (the node whose {@code domains} hold the sender's domain), on that node's first
 * network, from 127.0.0.1 (the operator's console, which every node accepts for relay).
 *
 * <p>It generates the Message-ID itself, so it can recognise the home node's RECEIVED event and
 * answer with the tracker's id. It subscribes to the trace before connecting, so the event cannot
 * be missed, and waits for it with a deadline: a node says 250 only once the message is spooled,
 * and it traces RECEIVED around the same moment.
 */
public final class MessageSubmitter {
  /** The EHLO name of the console; {@code .localhost} is reserved (RFC 6761) and never resolves. */
  static final String CONSOLE_HELO = "console.lgwan-sim.localhost";

  /** Where the console connects from: every node relays for it. */
  static final String CONSOLE_ADDRESS = "127.0.0.1";

  private final SimulationHandle sim;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();

  public MessageSubmitter(SimulationHandle sim, Duration timeout) {
    this.sim = sim;
    this.timeout = timeout;
  }

  /**
   * Submits and waits for the home node's RECEIVED.
   *
   * @throws ApiException 400 when no node hosts the sender's domain, 502 when the node refuses or
   *     cannot be reached, 504 when it accepted but traced nothing in time
   */
  public Submission submit(SendRequest request) throws ApiException, InterruptedException {
    NodeSpec home = homeNode(request.from());
    String network = home.addresses().keySet().iterator().next();
    InetSocketAddress endpoint = sim.smtpEndpoint(home.id(), network);
    String messageId = newMessageId(domainOf(request.from()));

    CompletableFuture<TraceEvent> received = new CompletableFuture<>();
    AutoCloseable subscription =
        sim.trace()
            .subscribe(
                e -> {
                  if (e.type() == TraceType.RECEIVED
                      && e.node().equals(home.id())
                      && e.messageId().equals(messageId)) {
                    received.complete(e);
                  }
                });
    try {
      send(request, messageId, home, endpoint);
      TraceEvent event = received.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String id = event.queueId().isEmpty() ? messageId : event.queueId();
      return new Submission(id, messageId, home.id());
    } catch (TimeoutException e) {
      throw new ApiException(
          504,
          Bilingual.of(
              home.id() + " は 250 で受け付けましたが、" + timeout.toSeconds() + " 秒以内に受信の記録がありません",
              home.id() + " said 250 but traced no RECEIVED within " + timeout.toSeconds() + " s"));
    } catch (ExecutionException e) {
      throw new IllegalStateException("the trace listener never fails", e);
    } finally {
      unsubscribe(subscription);
    }
  }

  private NodeSpec homeNode(InternetAddress from) throws ApiException {
    String domain = domainOf(from);
    List<String> existing = new ArrayList<>();
    for (NodeSpec n : sim.topology().nodes()) {
      for (String d : n.domains()) {
        if (d.equalsIgnoreCase(domain)) {
          return n;
        }
        existing.add(d);
      }
    }
    String list = existing.isEmpty() ? "(なし / none)" : String.join(", ", existing);
    throw ApiException.badRequest(
        "送信者のドメイン " + domain + " を受け持つノードがありません。送信者はこのドメインから選んでください: " + list,
        "No node hosts the sender's domain "
            + domain
            + ". Pick a sender in one of these domains: "
            + list);
  }

  private void send(
      SendRequest request, String messageId, NodeSpec home, InetSocketAddress endpoint)
      throws ApiException {
    Properties props = new Properties();
    props.setProperty("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
    props.setProperty("mail.smtp.timeout", Long.toString(timeout.toMillis()));
    props.setProperty("mail.smtp.localhost", CONSOLE_HELO);
    props.setProperty("mail.smtp.localaddress", CONSOLE_ADDRESS);
    props.setProperty("mail.smtp.from", request.from().getAddress());
    Session session = Session.getInstance(props);
    String where = endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort();
    try {
      MimeMessage message = new FixedIdMimeMessage(session, "<" + messageId + ">");
      message.setFrom(request.from());
      message.setRecipients(Message.RecipientType.TO, request.to().toArray(new Address[0]));
      message.setSubject(request.subject(), "UTF-8");
      message.setText(request.body(), "UTF-8");
      message.setSentDate(new Date());
      message.saveChanges();
      Transport transport = session.getTransport("smtp");
      try {
        transport.connect(endpoint.getAddress().getHostAddress(), endpoint.getPort(), null, null);
        transport.sendMessage(message, request.to().toArray(new Address[0]));
      } finally {
        transport.close();
      }
    } catch (MailConnectException e) {
      throw new ApiException(
          502,
          Bilingual.of(
              home.id() + " の SMTP (" + where + ") に接続できません。シミュレーションは動いていますか",
              "Cannot connect to "
                  + home.id()
                  + "'s SMTP at "
                  + where
                  + ". Is the simulation running?"),
          e);
    } catch (MessagingException e) {
      String reply = reply(e);
      throw new ApiException(
          502,
          Bilingual.of(
              home.id() + " (" + where + ") がメールを拒否しました: " + reply,
              home.id() + " (" + where + ") refused the mail: " + reply),
          e);
    }
  }

  /**
   * The server's own words, e.g. {@code 550 5.1.1 <x@town-b.lg.jp>: no such user}: a refused RCPT
   * first (Angus chains one per address), else a refused MAIL or DATA.
   */
  private static String reply(MessagingException e) {
    for (Exception cur = e; cur != null; cur = next(cur)) {
      if (cur instanceof SMTPAddressFailedException) {
        SMTPAddressFailedException a = (SMTPAddressFailedException) cur;
        return a.getAddress() + ": " + a.getMessage().trim();
      }
    }
    for (Exception cur = e; cur != null; cur = next(cur)) {
      if (cur instanceof SMTPSendFailedException && cur.getMessage() != null) {
        return cur.getMessage().trim();
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
  }

  private static Exception next(Exception e) {
    return e instanceof MessagingException ? ((MessagingException) e).getNextException() : null;
  }

  private String newMessageId(String domain) {
    return Long.toString(System.currentTimeMillis(), 36)
        + "."
        + Long.toHexString(random.nextLong() & Long.MAX_VALUE)
        + "@"
        + domain;
  }

  private static String domainOf(InternetAddress address) {
    String a = address.getAddress();
    return a.substring(a.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static void unsubscribe(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not unsubscribe from the trace bus", e);
    }
  }

  /** Keeps the Message-ID we chose; MimeMessage would otherwise invent one on saveChanges(). */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageIdHeader;

    FixedIdMimeMessage(Session session, String messageIdHeader) {
      super(session);
      this.messageIdHeader = messageIdHeader;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageIdHeader);
    }
  }
}
