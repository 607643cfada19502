package jp.lgwansim.sim.api;

import com.sun.net.httpserver.HttpExchange;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.api.TopologyDocument.Endpoint;

/**
 * The final mailboxes, read without a mail client:
 *
 * <pre>
 * GET /api/mailboxes                                 every mailbox with its IMAP/POP3 settings
 * GET /api/mailboxes/{address}/messages              its INBOX, oldest first (summaries)
 * GET /api/mailboxes/{address}/messages/{n | Message-ID}   one message: headers, text, raw source
 * </pre>
 *
 * Messages are read from the node's GreenMail store, the same one IMAP and POP3 serve.
 */
final class MailboxRoute implements ApiRoute {
  private final SimulationHandle sim;
  private final ApiIo io;

  MailboxRoute(SimulationHandle sim, ApiIo io) {
    this.sim = sim;
    this.io = io;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    if (path.equals("/api/mailboxes") || path.equals("/api/mailboxes/")) {
      ApiIo.requireMethod(exchange, "GET");
      io.respond(exchange, 200, list());
      return true;
    }
    Optional<List<String>> s = ApiIo.segments(path, "/api/mailboxes/");
    if (s.isEmpty()
        || s.get().size() < 2
        || s.get().size() > 3
        || !s.get().get(1).equals("messages")) {
      return false;
    }
    ApiIo.requireMethod(exchange, "GET");
    String address = s.get().get(0);
    NodeSpec node = owner(address);
    List<byte[]> raw = sim.control().mailboxMessages(node.id(), address).orElse(List.of());
    try {
      if (s.get().size() == 2) {
        List<StoredMailDocument> list = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
          list.add(StoredMailDocument.summary(i + 1, raw.get(i)));
        }
        io.respond(exchange, 200, list);
      } else {
        int index = find(raw, address, s.get().get(2));
        io.respond(exchange, 200, StoredMailDocument.detail(index, raw.get(index - 1)));
      }
    } catch (MessagingException e) {
      throw new ApiException(
          500,
          Bilingual.of(
              address + " のメッセージを読めません: " + e.getMessage(),
              "Cannot read a message of " + address + ": " + e.getMessage()),
          e);
    }
    return true;
  }

  private List<MailboxDocument> list() {
    List<MailboxDocument> result = new ArrayList<>();
    for (NodeSpec n : sim.topology().nodes()) {
      if (n.mailboxes().isEmpty()) {
        continue;
      }
      Endpoint imap = endpoint(sim.imapEndpoint(n.id()));
      Endpoint pop3 = endpoint(sim.pop3Endpoint(n.id()));
      for (NodeSpec.MailboxSpec m : n.mailboxes()) {
        int count = sim.control().mailboxMessages(n.id(), m.address()).map(List::size).orElse(0);
        result.add(
            new MailboxDocument(
                m.address(), m.password(), n.id(), n.label(), n.hostname(), imap, pop3, count));
      }
    }
    return result;
  }

  /** The node that holds the mailbox; a 404 listing the mailboxes that exist otherwise. */
  private NodeSpec owner(String address) throws ApiException {
    List<String> known = new ArrayList<>();
    for (NodeSpec n : sim.topology().nodes()) {
      for (NodeSpec.MailboxSpec m : n.mailboxes()) {
        if (m.address().equalsIgnoreCase(address.strip())) {
          return n;
        }
        known.add(m.address());
      }
    }
    String list = known.isEmpty() ? "(なし / none)" : String.join(", ", known);
    throw new ApiException(
        404,
        Bilingual.of(
            "メールボックス " + address + " はありません。あるのは " + list + " です",
            "No mailbox " + address + ". The mailboxes are " + list));
  }

  /** The 1-based index of the message named by its number or its Message-ID. */
  private static int find(List<byte[]> raw, String address, String key)
      throws ApiException, MessagingException {
    if (key.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(key);
      if (n >= 1 && n <= raw.size()) {
        return n;
      }
    } else {
      String wanted = MessageTracker.stripBrackets(key.strip());
      for (int i = 0; i < raw.size(); i++) {
        if (StoredMailDocument.messageId(StoredMailDocument.parse(raw.get(i))).equals(wanted)) {
          return i + 1;
        }
      }
    }
    throw new ApiException(
        404,
        Bilingual.of(
            address + " にメッセージ " + key + " はありません (1 から " + raw.size() + " の番号か Message-ID を指定)",
            "No message "
                + key
                + " in "
                + address
                + " (give a number from 1 to "
                + raw.size()
                + " or a Message-ID)"));
  }

  private static Endpoint endpoint(Optional<InetSocketAddress> a) {
    return a.map(s -> new Endpoint(s.getAddress().getHostAddress(), s.getPort())).orElse(null);
  }
}
