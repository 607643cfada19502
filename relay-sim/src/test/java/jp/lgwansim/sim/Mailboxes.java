package jp.lgwansim.sim;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads a simulation's mailboxes over real IMAP, as a mail client does. */
final class Mailboxes {
  private Mailboxes() {}

  /** The raw text of the message with this Message-ID in the mailbox's INBOX. */
  static String find(SimulationHandle sim, String node, String user, String password, String id)
      throws Exception {
    var imap = sim.imapEndpoint(node).orElseThrow();
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(imap.getAddress().getHostAddress(), imap.getPort(), user, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        Message[] found = inbox.search(new HeaderTerm("Message-ID", id));
        if (found.length != 1) {
          throw new AssertionError(
              found.length + " messages with Message-ID " + id + " in " + user);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        found[0].writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
