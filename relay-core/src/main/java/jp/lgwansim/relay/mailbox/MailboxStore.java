package jp.lgwansim.relay.mailbox;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * The raw source of every message in the mailbox's INBOX, oldest first: what an IMAP client would
   * fetch, read from GreenMail's store without a login (the dashboard shows it).
   *
   * @return empty when there is no such mailbox here
   */
  public Optional<List<byte[]>> messages(String address) {
    GreenMailUser user = user(address);
    if (user == null) {
      return Optional.empty();
    }
    List<byte[]> result = new ArrayList<>();
    try {
      for (StoredMessage m :
          greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.getMimeMessage().writeTo(out);
        result.add(out.toByteArray());
      }
    } catch (FolderException | MessagingException | IOException e) {
      throw new IllegalStateException(
          "cannot read the mailbox " + address + ": " + e.getMessage(), e);
    }
    return Optional.of(result);
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
