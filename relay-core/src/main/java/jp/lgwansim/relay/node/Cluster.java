package jp.lgwansim.relay.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwansim.relay.dns.DnsCompileException;
import jp.lgwansim.relay.dns.DnsServer;
import jp.lgwansim.relay.dns.DnsView;
import jp.lgwansim.relay.dns.DnsViewCompiler;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceBus;

/**
 * Every DNS view and every node of one topology, started in that order (nodes resolve through the
 * views from their first message on) and stopped in reverse. The threads all nodes share live here.
 */
public final class Cluster implements AutoCloseable {
  /** How long closing waits for delivery attempts under way. */
  static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(2);

  private final TraceBus trace;
  private final Fabric fabric;
  private final Map<String, DnsServer> dnsServers = new LinkedHashMap<>();
  private final Map<String, RelayNode> nodes = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;

  /**
   * How to run the nodes.
   *
   * @param spoolRoot each node's spool is the folder named after its id below this one
   * @param fsync false only in benchmarks that measure what durability costs
   * @param deliveryThreads the shared pool for delivery attempts of all nodes
   * @param clock time source of spools, queue ids and Received headers
   */
  public record Options(Path spoolRoot, boolean fsync, int deliveryThreads, Clock clock) {

    /** Enough for a classroom's traffic on a 2-core laptop: delivery waits on sockets, not CPU. */
    public static final int DEFAULT_DELIVERY_THREADS = 16;

    public static Options defaults(Path spoolRoot) {
      return new Options(spoolRoot, true, DEFAULT_DELIVERY_THREADS, Clock.systemUTC());
    }

    public Options withFsync(boolean on) {
      return new Options(spoolRoot, on, deliveryThreads, clock);
    }
  }

  private Cluster(TraceBus trace, Fabric fabric, int deliveryThreads) {
    this.trace = trace;
    this.fabric = fabric;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("retry-timer"));
    this.workers = Executors.newFixedThreadPool(deliveryThreads, daemon("delivery"));
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
    Map<String, Cidr> ranges = new LinkedHashMap<>();
    topology.networks().forEach(n -> ranges.put(n.name(), n.cidr()));
    Cluster cluster = new Cluster(trace, new Fabric(ranges), options.deliveryThreads());
    try {
      cluster.startDns(topology);
      Map<String, InetSocketAddress> dnsAddresses = new LinkedHashMap<>();
      cluster.dnsServers.forEach((view, server) -> dnsAddresses.put(view, server.address()));
      NodeContext context =
          new NodeContext(
              trace,
              cluster.fabric,
              dnsAddresses,
              options.spoolRoot(),
              options.fsync(),
              topology.queue(),
              cluster.scheduler,
              cluster.workers,
              options.clock());
      for (NodeSpec spec : topology.nodes()) {
        cluster.nodes.put(spec.id(), RelayNode.start(spec, context));
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
    Map<String, DnsView> views = DnsViewCompiler.compile(topology);
    for (NetworkSpec network : topology.networks()) {
      if (network.dns().isPresent()) {
        NetworkSpec.DnsServerSpec spec = network.dns().get();
        DnsServer server =
            new DnsServer(
                views.get(network.name()), new InetSocketAddress(spec.address(), spec.port()));
        server.start();
        dnsServers.put(network.name(), server);
      }
    }
  }

  public TraceBus trace() {
    return trace;
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

  /** The DNS server of a network's view. */
  public Optional<DnsServer> dns(String network) {
    return Optional.ofNullable(dnsServers.get(network));
  }

  public Map<String, DnsServer> dnsServers() {
    return java.util.Collections.unmodifiableMap(dnsServers);
  }

  /** Stops listeners first, then delivery; queued mail stays in the spools. */
  @Override
  public void close() {
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
