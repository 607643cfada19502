package jp.lgwansim.relay.mailbox;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jp.lgwansim.relay.outbound.DeliveryOutcome;
import jp.lgwansim.relay.topology.NodeSpec.MailboxSpec;

/**
 * The mailboxes of one node: GreenMail users, readable with any IMAP or POP3 client (login = the
 * full address). Only IMAP and POP3 are started: SMTP stays with our receiver, because GreenMail's
 * own SMTP accepts any recipient and would hide "unknown user".
 */
public final class MailboxStore implements AutoCloseable {
  private static final Session PARSING = Session.getInstance(new Properties());

  private final GreenMail greenMail;

  /**
   * Starts IMAP and POP3 on {@code address}; a port of 0 picks a free one (for tests).
   *
   * @throws IllegalStateException if a listener cannot start (e.g. the port is taken)
   */
  public MailboxStore(
      InetAddress address, int imapPort, int pop3Port, List<MailboxSpec> mailboxes) {
    ServerSetup imap =
        new ServerSetup(imapPort, address.getHostAddress(), ServerSetup.PROTOCOL_IMAP);
    ServerSetup pop3 =
        new ServerSetup(pop3Port, address.getHostAddress(), ServerSetup.PROTOCOL_POP3);
    this.greenMail =
        new GreenMail(
            new ServerSetup[] {
              imapPort == 0 ? imap.dynamicPort() : imap, pop3Port == 0 ? pop3.dynamicPort() : pop3
            });
    for (MailboxSpec m : mailboxes) {
      greenMail.setUser(m.address().toLowerCase(Locale.ROOT), m.address(), m.password());
    }
    greenMail.start();
  }

  public boolean hasMailbox(String address) {
    return user(address) != null;
  }

  public InetSocketAddress imapAddress() {
    return socket(greenMail.getImap().getServerSetup());
  }

  public InetSocketAddress pop3Address() {
    return socket(greenMail.getPop3().getServerSetup());
  }

  /** Puts the message into the recipient's INBOX. */
  public DeliveryOutcome deliver(String recipient, byte[] content) {
    GreenMailUser user = user(recipient);
    if (user == null) {
      return new DeliveryOutcome.PermanentFailure("5.1.1 no such mailbox: " + recipient);
    }
    try {
      user.deliver(new MimeMessage(PARSING, new ByteArrayInputStream(content)));
    } catch (MessagingException | RuntimeException e) {
      return new DeliveryOutcome.TemporaryFailure("mailbox " + recipient + ": " + e.getMessage());
    }
    return new DeliveryOutcome.Delivered("delivered to mailbox " + recipient);
  }

  private GreenMailUser user(String address) {
    return greenMail.getUserManager().getUserByEmail(address.toLowerCase(Locale.ROOT));
  }

  private static InetSocketAddress socket(ServerSetup s) {
    return new InetSocketAddress(s.getBindAddress(), s.getPort());
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
