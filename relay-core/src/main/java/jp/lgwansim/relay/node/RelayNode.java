package jp.lgwansim.relay.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.dns.DnsLookup;
import jp.lgwansim.relay.inbound.InboundSettings;
import jp.lgwansim.relay.inbound.RelayPolicy;
import jp.lgwansim.relay.inbound.SmtpReceiver;
import jp.lgwansim.relay.mailbox.MailboxStore;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.outbound.SmtpSender;
import jp.lgwansim.relay.queue.QueueIds;
import jp.lgwansim.relay.queue.QueueManager;
import jp.lgwansim.relay.queue.Spool;
import jp.lgwansim.relay.routing.Router;
import jp.lgwansim.relay.topology.NodeSpec;

/**
 * One simulated mail server, assembled in one readable place. The stages, in the order a message
 * meets them:
 *
 * <ol>
 *   <li>{@link SmtpReceiver} per address: relay policy at RCPT, size and hop count at DATA, a
 *       Received header, then the spool, then 250;
 *   <li>{@link Spool}: one fsync'ed file per message;
 *   <li>{@link QueueManager}: attempts, backoff, the lifetime limit;
 *   <li>{@link Router}: local, transport map, MX or static;
 *   <li>{@link SmtpSender} to the next hop, or {@link MailboxStore} for a local domain.
 * </ol>
 */
public final class RelayNode implements AutoCloseable {
  private final NodeSpec spec;
  private final Optional<MailboxStore> mailboxes;
  private final QueueManager queue;
  private final SmtpSender sender;
  private final Map<String, SmtpReceiver> receivers;

  private RelayNode(
      NodeSpec spec,
      Optional<MailboxStore> mailboxes,
      QueueManager queue,
      SmtpSender sender,
      Map<String, SmtpReceiver> receivers) {
    this.spec = spec;
    this.mailboxes = mailboxes;
    this.queue = queue;
    this.sender = sender;
    this.receivers = receivers;
  }

  /**
   * Builds and starts the node: mailboxes first, then the queue, then the listeners, so nothing is
   * accepted before it can be delivered. What an earlier run left in the spool waits for {@link
   * #resumeQueue}, so that a whole topology is listening before old mail moves.
   */
  public static RelayNode start(NodeSpec spec, NodeContext ctx) {
    Optional<MailboxStore> mailboxes =
        spec.mailboxes().isEmpty()
            ? Optional.empty()
            : Optional.of(
                new MailboxStore(
                    spec.primaryAddress(), spec.imapPort(), spec.pop3Port(), spec.mailboxes()));
    try {
      Set<InetAddress> self = new HashSet<>(spec.addresses().values());
      Router router = new Router(spec, resolverOf(spec, ctx), self, RandomGenerator.getDefault());
      SmtpSender sender =
          new SmtpSender(
              spec.id(),
              spec.hostname(),
              spec.addresses(),
              ctx.fabric(),
              ctx.trace(),
              ctx.scheduler(),
              ctx.queue().destinationConcurrencyLimit());
      Spool spool = new Spool(ctx.spoolRoot().resolve(spec.id()), ctx.fsync());
      QueueIds queueIds = new QueueIds(ctx.clock());
      QueueManager queue =
          new QueueManager(
              spec,
              spool,
              queueIds,
              router,
              sender,
              mailboxes,
              ctx.trace(),
              ctx.scheduler(),
              ctx.workers(),
              ctx.queue(),
              ctx.clock());

      List<Cidr> relayClients = new ArrayList<>();
      for (String network : spec.addresses().keySet()) {
        ctx.fabric().range(network).ifPresent(relayClients::add);
      }
      relayClients.add(RelayPolicy.OPERATOR_CONSOLE);
      RelayPolicy policy =
          new RelayPolicy(
              relayClients,
              router::isLocal,
              address -> mailboxes.map(m -> m.hasMailbox(address)).orElse(false));
      InboundSettings settings =
          new InboundSettings(
              spec.id(),
              spec.hostname(),
              ctx.queue().messageSizeLimit(),
              ctx.queue().hopcountLimit(),
              queueIds);
      Map<String, SmtpReceiver> receivers = new LinkedHashMap<>();
      RelayNode node = new RelayNode(spec, mailboxes, queue, sender, receivers);
      try {
        for (Map.Entry<String, InetAddress> a : spec.addresses().entrySet()) {
          SmtpReceiver r =
              new SmtpReceiver(
                  a.getValue(), spec.smtpPort(), settings, policy, queue, ctx.trace(), ctx.clock());
          r.start();
          receivers.put(a.getKey(), r);
          InetSocketAddress simulated = new InetSocketAddress(a.getValue(), spec.smtpPort());
          ctx.fabric().place(simulated, r.listenAddress());
          ctx.fabric().registerOwner(a.getValue(), spec.id());
        }
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return node;
    } catch (RuntimeException e) {
      mailboxes.ifPresent(MailboxStore::close);
      throw e;
    }
  }

  /** The node resolves through the DNS view of its first network that has one. */
  private static Optional<DnsLookup> resolverOf(NodeSpec spec, NodeContext ctx) {
    for (Map.Entry<String, InetAddress> a : spec.addresses().entrySet()) {
      InetSocketAddress server = ctx.dnsServers().get(a.getKey());
      if (server != null) {
        return Optional.of(
            new DnsLookup(
                a.getKey(),
                server,
                a.getValue(),
                DnsLookup.DEFAULT_TIMEOUT,
                ctx.trace(),
                spec.id()));
      }
    }
    return Optional.empty();
  }

  public NodeSpec spec() {
    return spec;
  }

  /**
   * Starts delivering what the spool holds from an earlier run (or a crash).
   *
   * @return how many messages were found
   */
  public int resumeQueue() throws IOException {
    return queue.resume();
  }

  /** Its queue: what waits for delivery, and flush. */
  public QueueManager queue() {
    return queue;
  }

  /** Where its SMTP listener on {@code network} really listens. */
  public Optional<InetSocketAddress> smtpAddress(String network) {
    return Optional.ofNullable(receivers.get(network)).map(SmtpReceiver::listenAddress);
  }

  public Optional<InetSocketAddress> imapAddress() {
    return mailboxes.map(MailboxStore::imapAddress);
  }

  public Optional<InetSocketAddress> pop3Address() {
    return mailboxes.map(MailboxStore::pop3Address);
  }

  /** Stops listening first, then delivery; what is queued stays in the spool for the next run. */
  @Override
  public void close() {
    receivers.values().forEach(SmtpReceiver::close);
    queue.close();
    sender.close();
    mailboxes.ifPresent(MailboxStore::close);
  }
}
