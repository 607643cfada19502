package jp.lgwansim.relay.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.dns.DnsLookup;
import jp.lgwansim.relay.inbound.InboundSettings;
import jp.lgwansim.relay.inbound.NodeFaults;
import jp.lgwansim.relay.inbound.RelayPolicy;
import jp.lgwansim.relay.inbound.SmtpReceiver;
import jp.lgwansim.relay.mailbox.MailboxStore;
import jp.lgwansim.relay.outbound.SmtpSender;
import jp.lgwansim.relay.queue.Envelope;
import jp.lgwansim.relay.queue.QueueEntry;
import jp.lgwansim.relay.queue.QueueIds;
import jp.lgwansim.relay.queue.QueueManager;
import jp.lgwansim.relay.queue.Spool;
import jp.lgwansim.relay.routing.Router;
import jp.lgwansim.relay.sanitize.Sanitizer;
import jp.lgwansim.relay.topology.NodeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A node can be stopped and started again (fault injection: "the server is down"), as {@code
 * postfix stop} / {@code postfix start}: stopping closes the listeners (connections are refused)
 * and the queue manager, and waits for delivery attempts in flight; starting builds the pipeline
 * anew (SubEthaSMTP servers cannot restart) and resumes the spool. The mailboxes are not part of
 * the MTA and stay up, as Dovecot does when Postfix stops: delivered mail is never lost and stays
 * readable. The injected {@link NodeFaults} belong to the node, not to one run of its pipeline.
 */
public final class RelayNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayNode.class);

  /**
   * How long a stop waits for delivery attempts in flight: above the sender's connect and read
   * timeouts together, so an attempt normally ends by itself before.
   */
  static final Duration STOP_DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final NodeSpec spec;
  private final NodeContext ctx;
  private final Optional<MailboxStore> mailboxes;
  private final NodeFaults faults;

  /** The delivery mode in force; the topology's until a trainer switches it. */
  private volatile NodeSpec.DeliverySpec delivery;

  /** Where each listener last listened, so a restarted one comes back on the same port. */
  private final Map<String, InetSocketAddress> listenAddresses = new LinkedHashMap<>();

  /** The running pipeline; null while stopped. Guarded by this. */
  private Pipeline running;

  /** The last queue manager, kept after a stop for the errors it saw. Guarded by this. */
  private QueueManager lastQueue;

  /** The parts that are built anew on every start. */
  private static final class Pipeline {
    final QueueManager queue;
    final SmtpSender sender;
    final InFlightAttempts attempts;
    final InboundSettings settings;
    final RelayPolicy policy;
    final Map<String, SmtpReceiver> receivers = new LinkedHashMap<>();

    Pipeline(
        QueueManager queue,
        SmtpSender sender,
        InFlightAttempts attempts,
        InboundSettings settings,
        RelayPolicy policy) {
      this.queue = queue;
      this.sender = sender;
      this.attempts = attempts;
      this.settings = settings;
      this.policy = policy;
    }
  }

  private RelayNode(
      NodeSpec spec, NodeContext ctx, Optional<MailboxStore> mailboxes, NodeFaults faults) {
    this.spec = spec;
    this.ctx = ctx;
    this.mailboxes = mailboxes;
    this.faults = faults;
    this.delivery = spec.delivery();
  }

  /**
   * Builds and starts the node: mailboxes first, then the queue, then the listeners, so nothing is
   * accepted before it can be delivered. What an earlier run left in the spool waits for {@link
   * #resumeQueue}, so that a whole topology is listening before old mail moves.
   */
  public static RelayNode start(NodeSpec spec, NodeContext ctx) {
    return start(spec, ctx, new NodeFaults(RandomGenerator.getDefault()));
  }

  /** As {@link #start(NodeSpec, NodeContext)}, with the fault state the listeners consult. */
  public static RelayNode start(NodeSpec spec, NodeContext ctx, NodeFaults faults) {
    Optional<MailboxStore> mailboxes =
        spec.mailboxes().isEmpty()
            ? Optional.empty()
            : Optional.of(
                new MailboxStore(
                    spec.primaryAddress(),
                    spec.imapPort(),
                    spec.pop3Port(),
                    spec.mailboxes(),
                    Optional.of(ctx.spoolRoot().resolve(spec.id()).resolve("mailboxes")),
                    ctx.fsync()));
    RelayNode node = new RelayNode(spec, ctx, mailboxes, faults);
    try {
      synchronized (node) {
        node.startPipeline();
      }
      return node;
    } catch (RuntimeException e) {
      mailboxes.ifPresent(MailboxStore::close);
      throw e;
    }
  }

  /**
   * Starts a stopped node again: a new queue manager resumes everything in the spool, and a new
   * listener opens on every network whose link is not cut. Does nothing if it runs.
   *
   * @throws IOException when the spool cannot be read
   * @throws RuntimeException from SubEthaSMTP when a listener cannot bind
   */
  public synchronized void restart() throws IOException {
    if (running == null) {
      startPipeline();
      running.queue.resume();
    }
  }

  /**
   * Starts delivering what the spool holds from an earlier run (or a crash). The first start of a
   * cluster calls this once every node listens, so old mail never meets a neighbour not yet up.
   *
   * @return how many messages were found
   */
  public synchronized int resumeQueue() throws IOException {
    return running == null ? 0 : running.queue.resume();
  }

  /** Builds the pipeline and opens the listeners; the spool is not resumed here. */
  private void startPipeline() {
    Set<InetAddress> self = new HashSet<>(spec.addresses().values());
    Router router =
        new Router(
            spec, this::delivery, resolversOf(spec, ctx), self, RandomGenerator.getDefault());
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
    InFlightAttempts attempts = new InFlightAttempts(ctx.workers());
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
            attempts,
            ctx.queue(),
            ctx.clock());

    RelayPolicy policy =
        new RelayPolicy(
            spec.addresses().keySet(),
            ctx.fabric(),
            spec.relayDomains(),
            spec.mynetworks(),
            router::isLocal,
            address -> mailboxes.map(m -> m.hasMailbox(address)).orElse(false));
    InboundSettings settings =
        new InboundSettings(
            spec.id(),
            spec.hostname(),
            ctx.queue().messageSizeLimit(),
            ctx.queue().hopcountLimit(),
            queueIds,
            spec.sanitizeQuarantine().map(Sanitizer::new),
            original ->
                spec.sanitizeQuarantine()
                    .ifPresent(q -> mailboxes.ifPresent(m -> m.deliver(q, original))));
    Pipeline pipeline = new Pipeline(queue, sender, attempts, settings, policy);
    running = pipeline;
    lastQueue = queue;
    try {
      for (String network : spec.addresses().keySet()) {
        if (ctx.fabric().isConnected(spec.id(), network)) {
          openListener(pipeline, network);
        }
      }
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /**
   * Stops the node's MTA: listeners close (clients get "connection refused"), the queue manager
   * stops taking work, and attempts in flight are waited for. Queued mail stays in the spool for
   * {@link #restart}; mailboxes stay readable. Does nothing if it is stopped.
   */
  public synchronized void stop() {
    Pipeline p = running;
    if (p == null) {
      return;
    }
    running = null;
    p.receivers.values().forEach(SmtpReceiver::close);
    p.receivers.clear();
    p.queue.close();
    try {
      if (!p.attempts.awaitIdle(STOP_DRAIN_TIMEOUT)) {
        log.warn(
            "{}: delivery attempts still running {} after stop; a restart may repeat them",
            spec.id(),
            STOP_DRAIN_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.sender.close();
  }

  public synchronized boolean isRunning() {
    return running != null;
  }

  /**
   * Opens or closes the listener on {@code network} to match the fabric: closed while the node's
   * link to it is cut (its address refuses connections, as a host behind a dead link does not
   * answer), opened again fresh when the link is restored. Nothing to do while stopped: {@link
   * #restart} looks at the links itself.
   *
   * @throws IllegalArgumentException if the node has no address on that network
   */
  public synchronized void syncListener(String network) {
    if (!spec.addresses().containsKey(network)) {
      throw new IllegalArgumentException(spec.id() + " is not attached to network " + network);
    }
    Pipeline p = running;
    if (p == null) {
      return;
    }
    boolean up = ctx.fabric().isConnected(spec.id(), network);
    SmtpReceiver current = p.receivers.get(network);
    if (!up && current != null) {
      current.close();
      p.receivers.remove(network);
    } else if (up && current == null) {
      openListener(p, network);
    }
  }

  private void openListener(Pipeline p, String network) {
    InetAddress address = spec.addresses().get(network);
    InetSocketAddress before = listenAddresses.get(network);
    // The port given (0 in some tests) the first time, the one it got ever after.
    int port = before == null ? spec.smtpPort() : before.getPort();
    SmtpReceiver r =
        new SmtpReceiver(
            network,
            address,
            port,
            p.settings,
            p.policy,
            p.queue,
            ctx.trace(),
            ctx.clock(),
            faults);
    r.start();
    p.receivers.put(network, r);
    listenAddresses.put(network, r.listenAddress());
    ctx.fabric().place(new InetSocketAddress(address, spec.smtpPort()), r.listenAddress());
    ctx.fabric().registerOwner(address, spec.id());
  }

  /**
   * The DNS views the node asks, in order: the topology's dns_views, or else every network of the
   * node that has a DNS server, in file order. Each question leaves from the node's own address on
   * that network, and fails at once while the node's link to it is cut.
   */
  private static List<DnsLookup> resolversOf(NodeSpec spec, NodeContext ctx) {
    List<String> views =
        spec.dnsViews().isEmpty()
            ? spec.addresses().keySet().stream()
                .filter(n -> ctx.dnsServers().containsKey(n))
                .toList()
            : spec.dnsViews();
    List<DnsLookup> result = new ArrayList<>();
    for (String network : views) {
      InetSocketAddress server = ctx.dnsServers().get(network);
      InetAddress local = spec.addresses().get(network);
      if (server != null && local != null) {
        result.add(
            new DnsLookup(
                network,
                server,
                local,
                DnsLookup.DEFAULT_TIMEOUT,
                ctx.trace(),
                spec.id(),
                () -> ctx.fabric().isConnected(spec.id(), network)));
      }
    }
    return result;
  }

  public NodeSpec spec() {
    return spec;
  }

  /** How it delivers foreign mail now: the topology's mode, or what a trainer switched it to. */
  public NodeSpec.DeliverySpec delivery() {
    return delivery;
  }

  /**
   * Switches between MX and Static delivery while running; the next routing decision uses it, and
   * it survives a stop and start (not a restart of the simulation, which reads the file again).
   *
   * @throws IllegalArgumentException when Static has no smarthost, or MX has one, or the smarthost
   *     is not of Postfix's forms
   */
  public void setDelivery(NodeSpec.DeliverySpec newDelivery) {
    if ((newDelivery.mode() == jp.lgwansim.relay.topology.DeliveryMode.STATIC)
        != newDelivery.smarthost().isPresent()) {
      throw new IllegalArgumentException(
          "static delivery needs a smarthost, and mx delivery takes none");
    }
    newDelivery.smarthost().ifPresent(jp.lgwansim.relay.routing.NextHopSpec::parse);
    NodeSpec.DeliverySpec old = this.delivery;
    this.delivery = newDelivery;
    String now =
        newDelivery.mode().yamlName() + newDelivery.smarthost().map(h -> " → " + h).orElse("");
    ctx.trace()
        .publish(
            spec.id(),
            jp.lgwansim.relay.trace.TraceType.FAULT,
            "",
            "",
            jp.lgwansim.relay.trace.Bilingual.of(
                spec.id() + " の配送方式を " + now + " に切り替えました (" + old.mode().yamlName() + " から)",
                spec.id() + " now delivers by " + now + " (was " + old.mode().yamlName() + ")"),
            java.util.Map.of("fault", "delivery", "delivery", now));
  }

  /** The faults injected into this node's listeners; they survive a stop and start. */
  public NodeFaults faults() {
    return faults;
  }

  /** Its queue: what waits for delivery, and flush. After a stop, the stopped one. */
  public synchronized QueueManager queue() {
    return lastQueue;
  }

  /**
   * Every message the node holds, oldest first (Postfix's mailq). While stopped, read from the
   * spool: each is deferred, with no next attempt until the node starts, and the last error seen
   * before the stop.
   */
  public synchronized List<QueueEntry> queueEntries() {
    if (running != null) {
      return running.queue.entries();
    }
    Map<String, String> lastErrors = new HashMap<>();
    lastQueue.entries().forEach(e -> lastErrors.put(e.envelope().queueId(), e.lastError()));
    List<QueueEntry> result = new ArrayList<>();
    try {
      for (Envelope e : new Spool(ctx.spoolRoot().resolve(spec.id()), ctx.fsync()).recover()) {
        result.add(
            new QueueEntry(
                e,
                QueueEntry.State.DEFERRED,
                Optional.empty(),
                lastErrors.getOrDefault(e.queueId(), "")));
      }
    } catch (IOException e) {
      log.warn("{}: cannot list the spool of the stopped node", spec.id(), e);
    }
    return result;
  }

  /**
   * Tries every deferred message now (Postfix's postqueue -f).
   *
   * @return how many were rescheduled; 0 while stopped (a start resumes them all)
   */
  public synchronized int flushQueue() {
    return running == null ? 0 : running.queue.flush();
  }

  /**
   * Where its SMTP listener on {@code network} really listens, or listened last while it is stopped
   * or cut off (connections there are refused then).
   */
  public synchronized Optional<InetSocketAddress> smtpAddress(String network) {
    return Optional.ofNullable(listenAddresses.get(network));
  }

  /** True while its listener on {@code network} accepts connections. */
  public synchronized boolean isListening(String network) {
    return running != null && running.receivers.containsKey(network);
  }

  /**
   * The raw messages in one of this node's mailboxes, oldest first.
   *
   * @return empty when the node has no such mailbox
   */
  public Optional<List<byte[]>> mailboxMessages(String address) {
    return mailboxes.flatMap(m -> m.messages(address));
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
    stop();
    mailboxes.ifPresent(MailboxStore::close);
  }
}
