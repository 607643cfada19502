package jp.lgwansim.relay.mailbox;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import jp.lgwansim.relay.outbound.DeliveryOutcome;
import jp.lgwansim.relay.topology.NodeSpec.MailboxSpec;

/**
 * The mailboxes of one node: GreenMail users, readable with any IMAP or POP3 client (login = the
 * full address). Only IMAP and POP3 are started: SMTP stays with our receiver, because GreenMail's
 * own SMTP accepts any recipient and would hide "unknown user".
 *
 * <p>With a folder given, delivered mail is also kept on disk ({@link MailboxFiles}) and loaded
 * again at start: a restarted simulation shows the same mailboxes. What a client deletes (IMAP
 * expunge, POP3 DELE) is deleted from disk too, by comparing the folder's messages with the files
 * whenever something is expunged.
 */
public final class MailboxStore implements AutoCloseable {
  private static final Session PARSING = Session.getInstance(new Properties());

  private final GreenMail greenMail;
  private final Optional<MailboxFiles> files;

  /**
   * Per mailbox: the UID of each message kept on disk, and its file. Each inner map is guarded by
   * itself and never held while GreenMail's folder lock is taken: GreenMail calls the expunge
   * listener with that lock held, so taking them in the other order could deadlock.
   */
  private final Map<String, Map<Long, Path>> onDisk =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Serializes deliveries per mailbox, so the newest UID after a delivery is that delivery's. */
  private final Map<String, Object> deliveryLocks = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Starts IMAP and POP3 on {@code address}; a port of 0 picks a free one (for tests).
   *
   * @throws IllegalStateException if a listener cannot start (e.g. the port is taken)
   */
  public MailboxStore(
      InetAddress address, int imapPort, int pop3Port, List<MailboxSpec> mailboxes) {
    this(address, imapPort, pop3Port, mailboxes, Optional.empty(), true);
  }

  /**
   * As above, keeping delivered mail in {@code folder} and loading what it holds.
   *
   * @param fsync false only in benchmarks that measure what durability costs
   * @throws UncheckedIOException when the stored mail cannot be read
   */
  public MailboxStore(
      InetAddress address,
      int imapPort,
      int pop3Port,
      List<MailboxSpec> mailboxes,
      Optional<Path> folder,
      boolean fsync) {
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
    this.files = folder.map(dir -> new MailboxFiles(dir, fsync));
    if (files.isPresent()) {
      for (MailboxSpec m : mailboxes) {
        load(m.address().toLowerCase(Locale.ROOT));
      }
    }
    greenMail.start();
  }

  /** Loads a mailbox's stored mail and starts following what clients expunge from it. */
  private void load(String address) {
    Map<Long, Path> index = new HashMap<>();
    onDisk.put(address, index);
    try {
      MailFolder inbox = inbox(address);
      for (Path file : files.orElseThrow().stored(address)) {
        try (var in = Files.newInputStream(file)) {
          inbox.store(new MimeMessage(PARSING, in));
        }
        index.put(lastUid(inbox), file);
      }
      inbox.addListener(new ExpungeListener(address));
    } catch (Exception e) {
      throw new UncheckedIOException(
          "cannot load the stored mail of " + address, new IOException(e.getMessage(), e));
    }
  }

  /** Removes the files of messages a client has expunged. */
  private void forgetExpunged(String address) {
    Map<Long, Path> index = onDisk.get(address);
    java.util.Set<Long> present = new java.util.HashSet<>();
    try {
      for (long uid : inbox(address).getMessageUids()) {
        present.add(uid);
      }
    } catch (FolderException e) {
      throw new IllegalStateException("cannot read the mailbox " + address, e);
    }
    synchronized (index) {
      index
          .entrySet()
          .removeIf(
              e -> {
                if (present.contains(e.getKey())) {
                  return false;
                }
                files.orElseThrow().delete(e.getValue());
                return true;
              });
    }
  }

  private MailFolder inbox(String address) throws FolderException {
    return greenMail.getManagers().getImapHostManager().getInbox(user(address));
  }

  private static long lastUid(MailFolder folder) {
    long max = 0;
    for (long uid : folder.getMessageUids()) {
      max = Math.max(max, uid);
    }
    return max;
  }

  /** GreenMail tells folder listeners of every expunge, by IMAP or by POP3's QUIT. */
  private final class ExpungeListener implements FolderListener {
    private final String address;

    ExpungeListener(String address) {
      this.address = address;
    }

    @Override
    public void expunged(int msn) {
      forgetExpunged(address);
    }

    @Override
    public void added(int msn) {}

    @Override
    public void flagsUpdated(int msn, jakarta.mail.Flags flags, Long uid) {}

    @Override
    public void mailboxDeleted() {}
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

  /** Puts the message into the recipient's INBOX (and on disk first, when kept there). */
  public DeliveryOutcome deliver(String recipient, byte[] content) {
    String address = recipient.toLowerCase(Locale.ROOT);
    GreenMailUser user = user(address);
    if (user == null) {
      return new DeliveryOutcome.PermanentFailure("5.1.1 no such mailbox: " + recipient);
    }
    try {
      synchronized (deliveryLocks.computeIfAbsent(address, a -> new Object())) {
        Optional<Path> file =
            files.isPresent() ? Optional.of(files.get().write(address, content)) : Optional.empty();
        user.deliver(new MimeMessage(PARSING, new ByteArrayInputStream(content)));
        if (file.isPresent()) {
          long uid = lastUid(inbox(address));
          Map<Long, Path> index = onDisk.get(address);
          synchronized (index) {
            index.put(uid, file.get());
          }
        }
      }
    } catch (MessagingException | IOException | FolderException | RuntimeException e) {
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
