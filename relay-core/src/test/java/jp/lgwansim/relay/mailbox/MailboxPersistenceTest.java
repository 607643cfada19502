package jp.lgwansim.relay.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import jp.lgwansim.relay.outbound.DeliveryOutcome;
import jp.lgwansim.relay.support.TestNet;
import jp.lgwansim.relay.topology.NodeSpec.MailboxSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivered mail survives a restart of the mailboxes; what a client deletes stays deleted. */
class MailboxPersistenceTest {
  private static final List<MailboxSpec> BOXES =
      List.of(new MailboxSpec("hanako@town-b.lg.jp", "pw"));
  private final InetAddress address = TestNet.fresh().address(2, 1);

  @Test
  void mailbox_restarted_showsTheMailDeliveredBefore_andNotWhatWasExpunged(@TempDir Path dir)
      throws Exception {
    try (MailboxStore first = new MailboxStore(address, 0, 0, BOXES, Optional.of(dir), true)) {
      assertInstanceOf(
          DeliveryOutcome.Delivered.class, first.deliver("hanako@town-b.lg.jp", mail("one")));
      assertInstanceOf(
          DeliveryOutcome.Delivered.class, first.deliver("hanako@town-b.lg.jp", mail("two")));
      assertInstanceOf(
          DeliveryOutcome.Delivered.class, first.deliver("hanako@town-b.lg.jp", mail("three")));
      assertEquals(List.of("one", "two", "three"), subjects(first.imapAddress(), null));
    }
    try (MailboxStore second = new MailboxStore(address, 0, 0, BOXES, Optional.of(dir), true)) {
      // A client deletes "two" (IMAP: \\Deleted, then expunge on close).
      assertEquals(List.of("one", "two", "three"), subjects(second.imapAddress(), "two"));
    }
    try (MailboxStore third = new MailboxStore(address, 0, 0, BOXES, Optional.of(dir), true)) {
      assertEquals(List.of("one", "three"), subjects(third.imapAddress(), null));
      third.deliver("hanako@town-b.lg.jp", mail("four"));
      assertEquals(List.of("one", "three", "four"), subjects(third.imapAddress(), null));
    }
  }

  private static byte[] mail(String subject) {
    return ("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@test>\r\n\r\nbody\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads the INBOX over IMAP; deletes (and expunges) the message with that subject, if given. */
  private static List<String> subjects(InetSocketAddress imap, String delete) throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(imap.getAddress().getHostAddress(), imap.getPort(), "hanako@town-b.lg.jp", "pw");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      List<String> result = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        result.add(m.getSubject());
        if (m.getSubject().equals(delete)) {
          m.setFlag(Flags.Flag.DELETED, true);
        }
      }
      inbox.close(true);
      return result;
    } finally {
      store.close();
    }
  }
}
