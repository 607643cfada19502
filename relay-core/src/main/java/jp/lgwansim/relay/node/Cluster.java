package jp.lgwansim.relay.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.dns.DnsCompileException;
import jp.lgwansim.relay.dns.DnsServer;
import jp.lgwansim.relay.dns.DnsView;
import jp.lgwansim.relay.dns.DnsViewCompiler;
import jp.lgwansim.relay.inbound.NodeFaults;
import jp.lgwansim.relay.inbound.ReplyFault;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.topology.NetworkKind;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.ClosedNetworkInvariant;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Every DNS view and every node of one topology, started in that order (nodes resolve through the
 * views from their first message on) and stopped in reverse. The threads all nodes share live here.
 *
 * <p>It is also where a trainer injects faults: stop and start a node, make it answer a chosen
 * reply or slowly, cut it off a network, change or remove DNS records, stop a DNS server. Each is
 * undone with one call ({@link #clearAllFaults} undoes them all), listed by {@link #faults}, and
 * traced as a {@link TraceType#FAULT} event whose {@code node} is the node or DNS view concerned.
 */
public final class Cluster implements AutoCloseable {
  /** How long closing waits for delivery attempts under way. */
  static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(2);

  private final TraceBus trace;
  private final Fabric fabric;
  private final ClosedNetworkInvariant invariant;
  private final Map<String, DnsServer> dnsServers = new LinkedHashMap<>();
  private final Map<String, DnsView> views = new LinkedHashMap<>();
  private final Map<String, InetSocketAddress> dnsAddresses = new LinkedHashMap<>();
  private final Set<String> stoppedDns = new HashSet<>();
  private final DnsChanges dnsChanges = new DnsChanges(views);
  private final Map<String, RelayNode> nodes = new LinkedHashMap<>();
  private final RandomGenerator faultRandom;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;

  /**
   * How to run the nodes.
   *
   * @param spoolRoot each node's spool is the folder named after its id below this one
   * @param fsync false only in benchmarks that measure what durability costs
   * @param deliveryThreads the shared pool for delivery attempts of all nodes
   * @param clock time source of spools, queue ids and Received headers
   * @param faultRandom decides which messages a reply fault with a fraction below 1 hits; tests
   *     give a predictable one
   */
  public record Options(
      Path spoolRoot,
      boolean fsync,
      int deliveryThreads,
      Clock clock,
      RandomGenerator faultRandom) {

    /** Enough for a classroom's traffic on a 2-core laptop: delivery waits on sockets, not CPU. */
    public static final int DEFAULT_DELIVERY_THREADS = 16;

    public static Options defaults(Path spoolRoot) {
      return new Options(
          spoolRoot,
          true,
          DEFAULT_DELIVERY_THREADS,
          Clock.systemUTC(),
          RandomGenerator.getDefault());
    }

    public Options withFsync(boolean on) {
      return new Options(spoolRoot, on, deliveryThreads, clock, faultRandom);
    }

    public Options withFaultRandom(RandomGenerator random) {
      return new Options(spoolRoot, fsync, deliveryThreads, clock, random);
    }
  }

  private Cluster(TraceBus trace, Fabric fabric, Options options) {
    this.trace = trace;
    this.fabric = fabric;
    this.invariant =
        new ClosedNetworkInvariant(trace, network -> fabric.kind(network) == NetworkKind.INTERNET);
    this.faultRandom = options.faultRandom();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("retry-timer"));
    this.workers = Executors.newFixedThreadPool(options.deliveryThreads(), daemon("delivery"));
  }

  /**
   * Starts everything; on any failure stops what was started and rethrows.
   *
   * @throws DnsCompileException when explicit records or zone files are wrong
   * @throws IOException when a DNS server cannot bind, or a spool cannot be read
   * @throws RuntimeException from the SMTP or mail libraries when a listener cannot bind
   */
  public static Cluster start(Topology topology, Options options, TraceBus trace)
      throws DnsCompileException, IOException {
    Cluster cluster = new Cluster(trace, new Fabric(topology.networks()), options);
    try {
      cluster.startDns(topology);
      NodeContext context =
          new NodeContext(
              trace,
              cluster.fabric,
              cluster.dnsAddresses,
              options.spoolRoot(),
              options.fsync(),
              topology.queue(),
              cluster.scheduler,
              cluster.workers,
              options.clock());
      for (NodeSpec spec : topology.nodes()) {
        NodeFaults faults = new NodeFaults(cluster.faultRandom);
        cluster.nodes.put(spec.id(), RelayNode.start(spec, context, faults));
      }
      // Old mail moves only once every node listens: a restart must not defer mail to a
      // neighbour that is simply later in the file.
      for (RelayNode node : cluster.nodes.values()) {
        node.resumeQueue();
      }
      return cluster;
    } catch (DnsCompileException | IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startDns(Topology topology) throws DnsCompileException, IOException {
    Map<String, DnsView> compiled = DnsViewCompiler.compile(topology);
    for (NetworkSpec network : topology.networks()) {
      if (network.dns().isPresent()) {
        NetworkSpec.DnsServerSpec spec = network.dns().get();
        DnsView view = compiled.get(network.name());
        DnsServer server = new DnsServer(view, new InetSocketAddress(spec.address(), spec.port()));
        server.start();
        dnsServers.put(network.name(), server);
        views.put(network.name(), view);
        dnsAddresses.put(network.name(), server.address());
      }
    }
  }

  public TraceBus trace() {
    return trace;
  }

  /** Mail between governments that crossed the Internet so far (none, in a sound topology). */
  public List<TraceEvent> violations() {
    return invariant.violations();
  }

  public Fabric fabric() {
    return fabric;
  }

  public Optional<RelayNode> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public List<RelayNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The DNS server of a network's view (while stopped, the stopped one). */
  public Optional<DnsServer> dns(String network) {
    synchronized (dnsServers) {
      return Optional.ofNullable(dnsServers.get(network));
    }
  }

  /** Network name to its view's DNS server (while stopped, the stopped one), in topology order. */
  public Map<String, DnsServer> dnsServers() {
    synchronized (dnsServers) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(dnsServers));
    }
  }

  /** The live DNS view of a network, whose records can change at run time. */
  public Optional<DnsView> dnsView(String network) {
    return Optional.ofNullable(views.get(network));
  }

  /**
   * Network name to the address of its view's DNS server, in topology order; the same while a
   * server is stopped (queries there time out) and after it starts again.
   */
  public Map<String, InetSocketAddress> dnsAddresses() {
    return Collections.unmodifiableMap(dnsAddresses);
  }

  // ---- Fault injection: each method makes or undoes one fault and traces it as FAULT. ----

  /**
   * Stops a node's MTA (see {@link RelayNode#stop}): its listeners refuse connections, its queue
   * waits in the spool. Mailboxes stay readable.
   *
   * @throws IllegalArgumentException for an unknown node
   */
  public void stopNode(String id) {
    RelayNode node = require(id);
    node.stop();
    fault(
        id,
        "node-stopped",
        Bilingual.of(
            id + " を停止しました。接続は拒否され、キューのメールはスプールに残ります",
            "stopped " + id + ": connections are refused, queued mail stays in its spool"),
        Map.of());
  }

  /**
   * Starts a stopped node again; it resumes every message of its spool.
   *
   * @throws IllegalArgumentException for an unknown node
   * @throws IOException when its spool cannot be read
   * @throws RuntimeException from SubEthaSMTP when a listener cannot bind
   */
  public void startNode(String id) throws IOException {
    RelayNode node = require(id);
    node.restart();
    int queued = node.queueEntries().size();
    fault(
        id,
        "node-started",
        Bilingual.of(
            id + " を起動しました。キューの " + queued + " 通の配送を再開します",
            "started " + id + " again; it resumes the " + queued + " queued messages"),
        Map.of("queued", Integer.toString(queued)));
  }

  /**
   * Makes a node answer a chosen reply at a chosen stage (replacing an earlier one at that stage).
   *
   * @throws IllegalArgumentException for an unknown node
   */
  public void setReplyFault(String id, ReplyFault fault) {
    require(id).faults().setReply(fault);
    String share = fault.fraction() >= 1 ? "" : " (" + Math.round(fault.fraction() * 100) + "%)";
    fault(
        id,
        "reply",
        Bilingual.of(
            id + " は " + fault.stage().name() + " に " + fault.reply() + " と応答します" + share,
            id + " will answer " + fault.stage().name() + " with " + fault.reply() + share),
        Map.of(
            "stage", fault.stage().apiName(),
            "code", Integer.toString(fault.code()),
            "reply", fault.reply(),
            "fraction", Double.toString(fault.fraction())));
  }

  /**
   * Delays every reply of a node; zero removes the delay.
   *
   * @throws IllegalArgumentException for an unknown node, or a latency out of range
   */
  public void setLatency(String id, Duration latency) {
    require(id).faults().setLatency(latency);
    fault(
        id,
        "latency",
        Bilingual.of(
            id + " の SMTP 応答を " + latency.toMillis() + " ミリ秒遅らせます",
            id + " delays every SMTP reply by " + latency.toMillis() + " ms"),
        Map.of("latencyMs", Long.toString(latency.toMillis())));
  }

  /**
   * Removes a node's reply faults and latency.
   *
   * @throws IllegalArgumentException for an unknown node
   */
  public void clearFaults(String id) {
    require(id).faults().clear();
    fault(
        id,
        "cleared",
        Bilingual.of(id + " の応答の障害と遅延を解除しました", "cleared the injected replies and latency of " + id),
        Map.of());
  }

  /**
   * Cuts a node off a network: it can send nothing there (the sender and its DNS questions fail at
   * once) and its listener on that network refuses connections.
   *
   * @throws IllegalArgumentException for an unknown node or a network it is not attached to
   */
  public void disconnect(String id, String network) {
    RelayNode node = requireLink(id, network);
    fabric.disconnect(id, network);
    node.syncListener(network);
    fault(
        id,
        "link-cut",
        Bilingual.of(
            id + " を " + network + " から切り離しました。このネットワークでは送受信できません",
            "cut " + id + " off network " + network + ": it can neither send nor receive there"),
        Map.of("network", network));
  }

  /**
   * Restores a link cut by {@link #disconnect}: a fresh listener opens on that network.
   *
   * @throws IllegalArgumentException for an unknown node or a network it is not attached to
   */
  public void reconnect(String id, String network) {
    RelayNode node = requireLink(id, network);
    fabric.reconnect(id, network);
    node.syncListener(network);
    fault(
        id,
        "link-restored",
        Bilingual.of(
            id + " を " + network + " に再接続しました", "reconnected " + id + " to network " + network),
        Map.of("network", network));
  }

  /**
   * Adds a record to a view, joining the RRset of its name and type.
   *
   * @throws IllegalArgumentException for an unknown view or a name in none of its zones
   */
  public void addDnsRecord(String view, Record record) {
    DnsChanges.Edit edit = dnsChanges.add(view, record);
    dnsFault(view, record.getName(), record.getRRsetType(), edit);
  }

  /**
   * Removes every record of a name and type from a view (e.g. B町's MX).
   *
   * @throws IllegalArgumentException for an unknown view, or the SOA/NS of a zone's apex
   */
  public void removeDnsRecords(String view, Name name, int type) {
    DnsChanges.Edit edit = dnsChanges.remove(view, name, type);
    dnsFault(view, name, type, edit);
  }

  /**
   * Replaces every record of a name and type in a view in one step.
   *
   * @throws IllegalArgumentException for an unknown view, records of another name or type, a name
   *     in no zone, or an apex left without SOA or NS
   */
  public void replaceDnsRecords(String view, Name name, int type, List<Record> records) {
    DnsChanges.Edit edit = dnsChanges.replace(view, name, type, records);
    dnsFault(view, name, type, edit);
  }

  /**
   * Puts every record changed in a view back as the topology made it.
   *
   * @return how many RRsets were restored
   * @throws IllegalArgumentException for an unknown view
   */
  public int revertDns(String view) {
    int restored = dnsChanges.revert(view);
    fault(
        view,
        "dns-reverted",
        Bilingual.of(
            view + " のDNSのレコードを元に戻しました (" + restored + " 件)",
            "restored the records of the " + view + " DNS (" + restored + " RRsets)"),
        Map.of("view", view, "restored", Integer.toString(restored)));
    return restored;
  }

  /**
   * Stops a view's DNS server: questions to it time out, so lookups fail temporarily.
   *
   * @throws IllegalArgumentException for an unknown view
   */
  public void stopDns(String view) {
    DnsServer server = requireDns(view);
    synchronized (dnsServers) {
      if (stoppedDns.add(view)) {
        server.close();
      }
    }
    fault(
        view,
        "dns-stopped",
        Bilingual.of(
            view + " のDNSサーバを停止しました。問い合わせはタイムアウトします",
            "stopped the " + view + " DNS server: questions to it time out"),
        Map.of("view", view, "server", hostPort(dnsAddresses.get(view))));
  }

  /**
   * Starts a stopped view's DNS server again, a new one on the same address and port.
   *
   * @throws IllegalArgumentException for an unknown view
   * @throws IOException when the address cannot be bound again
   */
  public void startDns(String view) throws IOException {
    requireDns(view);
    synchronized (dnsServers) {
      if (stoppedDns.contains(view)) {
        DnsServer server = new DnsServer(views.get(view), dnsAddresses.get(view));
        server.start();
        dnsServers.put(view, server);
        stoppedDns.remove(view);
      }
    }
    fault(
        view,
        "dns-started",
        Bilingual.of(view + " のDNSサーバを起動しました", "started the " + view + " DNS server again"),
        Map.of("view", view, "server", hostPort(dnsAddresses.get(view))));
  }

  /** Every fault active now. */
  public FaultState faults() {
    List<String> stopped = new ArrayList<>();
    Map<String, NodeFaults.Snapshot> replies = new LinkedHashMap<>();
    nodes.forEach(
        (id, node) -> {
          if (!node.isRunning()) {
            stopped.add(id);
          }
          NodeFaults.Snapshot s = node.faults().snapshot();
          if (!s.isEmpty()) {
            replies.put(id, s);
          }
        });
    List<String> dnsDown = new ArrayList<>();
    synchronized (dnsServers) {
      dnsServers.keySet().stream().filter(stoppedDns::contains).forEach(dnsDown::add);
    }
    return new FaultState(stopped, replies, fabric.cutLinks(), dnsChanges.active(), dnsDown);
  }

  /**
   * Undoes every fault: DNS servers started, records restored, links restored, reply faults and
   * latency cleared, stopped nodes started (last, so they find DNS and links as they should be).
   *
   * @throws IOException when a DNS server or a node's spool cannot be started again
   */
  public void clearAllFaults() throws IOException {
    FaultState state = faults();
    for (String view : state.stoppedDns()) {
      startDns(view);
    }
    for (String view : dnsChanges.editedViews()) {
      revertDns(view);
    }
    for (Fabric.Link link : state.cutLinks()) {
      reconnect(link.nodeId(), link.network());
    }
    for (String id : state.nodeFaults().keySet()) {
      clearFaults(id);
    }
    for (String id : state.stoppedNodes()) {
      startNode(id);
    }
  }

  private RelayNode require(String id) {
    RelayNode node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException(
          "no node " + id + "; nodes: " + String.join(", ", nodes.keySet()));
    }
    return node;
  }

  private RelayNode requireLink(String id, String network) {
    RelayNode node = require(id);
    if (!node.spec().addresses().containsKey(network)) {
      throw new IllegalArgumentException(
          id
              + " is not attached to network "
              + network
              + "; its networks: "
              + String.join(", ", node.spec().addresses().keySet()));
    }
    return node;
  }

  private DnsServer requireDns(String view) {
    return dns(view)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no DNS view " + view + "; views: " + String.join(", ", views.keySet())));
  }

  private void dnsFault(String view, Name name, int type, DnsChanges.Edit edit) {
    String was = edit.before().isEmpty() ? "(なし)" : String.join("; ", edit.before());
    String now = edit.after().isEmpty() ? "(なし)" : String.join("; ", edit.after());
    String wasEn = edit.before().isEmpty() ? "(none)" : String.join("; ", edit.before());
    String nowEn = edit.after().isEmpty() ? "(none)" : String.join("; ", edit.after());
    fault(
        view,
        "dns-record",
        Bilingual.of(
            view
                + " のDNSで "
                + name
                + " の"
                + Type.string(type)
                + "レコードを変更しました。変更前: "
                + was
                + " 変更後: "
                + now,
            "changed the "
                + Type.string(type)
                + " records of "
                + name
                + " in the "
                + view
                + " DNS; before: "
                + wasEn
                + "; after: "
                + nowEn),
        Map.of(
            "view", view,
            "name", name.toString(),
            "type", Type.string(type),
            "before", String.join("\n", edit.before()),
            "after", String.join("\n", edit.after())));
  }

  private void fault(String target, String kind, Bilingual text, Map<String, String> attrs) {
    Map<String, String> all = new LinkedHashMap<>(attrs);
    all.put("fault", kind);
    trace.publish(target, TraceType.FAULT, "", "", text, all);
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Stops listeners first, then delivery; queued mail stays in the spools. */
  @Override
  public void close() {
    invariant.close();
    nodes.values().forEach(RelayNode::close);
    // Attempts under way may finish (a spool write, a notice being queued) before DNS goes away
    // and threads are interrupted; what is still unfinished stays in the spool for next time.
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    dnsServers.values().forEach(DnsServer::close);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
