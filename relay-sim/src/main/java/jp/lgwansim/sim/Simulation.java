package jp.lgwansim.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import jp.lgwansim.relay.dns.DnsCompileException;
import jp.lgwansim.relay.dns.DnsView;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.node.RelayNode;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.sim.registry.Registry;
import jp.lgwansim.sim.registry.RegistryServices;
import jp.lgwansim.sim.topology.TopologyLoader;

/**
 * A topology brought to life for people: a {@link Cluster} plus a data folder and start-up errors
 * that say what to do. Closing it stops everything; mail still queued stays in a chosen data folder
 * for the next run, and a temporary one is removed.
 */
public final class Simulation implements SimulationHandle, AutoCloseable {
  private final Topology topology;
  private final Cluster cluster;
  private final Optional<Path> temporaryData;
  private final SimulationControl control;

  private RegistryServices registry;

  private Simulation(Topology topology, Cluster cluster, Optional<Path> temporaryData) {
    this.topology = topology;
    this.cluster = cluster;
    this.temporaryData = temporaryData;
    this.control = new ClusterControl(cluster);
  }

  /**
   * Starts every DNS view and every node of a validated topology.
   *
   * @param dataDir where spools live; empty = a temporary folder removed on close
   * @param options everything else; its spool root is replaced by the data folder
   */
  public static Simulation start(
      Topology topology, Optional<Path> dataDir, Function<Path, Cluster.Options> options)
      throws StartupException {
    return start(topology, TopologyLoader.derivedRegistry(topology), dataDir, options);
  }

  /**
   * Starts a topology with its registry: besides the cluster, the WHOIS server, the governments'
   * authoritative DNS servers and the Internet resolver's delegations ({@link RegistryServices}).
   */
  public static Simulation start(
      Topology topology,
      Registry registry,
      Optional<Path> dataDir,
      Function<Path, Cluster.Options> options)
      throws StartupException {
    Path dir;
    try {
      dir =
          dataDir.isPresent()
              ? Files.createDirectories(dataDir.get())
              : Files.createTempDirectory("lgwan-sim-" + topology.name() + "-");
    } catch (IOException e) {
      throw new StartupException(
          Bilingual.of(
              "データフォルダを作れません: " + e.getMessage() + "。--data-dir に書き込めるフォルダを指定してください",
              "cannot create the data folder: "
                  + e.getMessage()
                  + ". Give a writable folder with --data-dir"),
          e);
    }
    Optional<Path> temporary = dataDir.isPresent() ? Optional.empty() : Optional.of(dir);
    try {
      Cluster cluster = Cluster.start(topology, options.apply(dir), new TraceBus());
      Simulation simulation = new Simulation(topology, cluster, temporary);
      try {
        simulation.registry = RegistryServices.start(topology, registry, cluster);
      } catch (DnsCompileException | IOException | RuntimeException e) {
        cluster.close();
        throw e;
      }
      return simulation;
    } catch (DnsCompileException e) {
      temporary.ifPresent(Simulation::deleteTree);
      throw new StartupException(
          Bilingual.of(
              "DNSレコードに誤りがあります:\n" + e.getMessage(), "bad DNS records:\n" + e.getMessage()),
          e);
    } catch (IOException | RuntimeException e) {
      temporary.ifPresent(Simulation::deleteTree);
      if (causedByBind(e)) {
        throw cannotBind(topology, e);
      }
      if (e instanceof IOException) {
        throw new StartupException(
            Bilingual.of("起動できません: " + e.getMessage(), "cannot start: " + e.getMessage()), e);
      }
      throw (RuntimeException) e;
    }
  }

  /** Starts with the default options (fsync on, training retry times). */
  public static Simulation start(Topology topology, Optional<Path> dataDir)
      throws StartupException {
    return start(topology, dataDir, Cluster.Options::defaults);
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static StartupException cannotBind(Topology topology, Throwable e) {
    // Every address the topology listens on, so a macOS user can paste the lines as they are.
    java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
    topology
        .networks()
        .forEach(n -> n.dns().ifPresent(d -> addresses.add(d.address().getHostAddress())));
    topology
        .nodes()
        .forEach(n -> n.addresses().values().forEach(a -> addresses.add(a.getHostAddress())));
    StringBuilder aliases = new StringBuilder();
    for (String a : addresses) {
      aliases.append("\n  sudo ifconfig lo0 alias ").append(a).append(" up");
    }
    return new StartupException(
        Bilingual.of(
            "アドレスで待ち受けできません ("
                + e.getMessage()
                + ")。同じアドレスを使うシミュレーションが既に動いていれば止めてください。"
                + "macOS では追加のループバックアドレスを先に作ってください:"
                + aliases,
            "cannot listen on an address ("
                + e.getMessage()
                + "). If a simulation using the same addresses is already running, stop it."
                + " On macOS, add the extra loopback addresses first:"
                + aliases),
        e);
  }

  @Override
  public Topology topology() {
    return topology;
  }

  @Override
  public TraceBus trace() {
    return cluster.trace();
  }

  @Override
  public java.util.List<jp.lgwansim.relay.trace.TraceEvent> violations() {
    return cluster.violations();
  }

  public Cluster cluster() {
    return cluster;
  }

  @Override
  public InetSocketAddress smtpEndpoint(String nodeId, String network) {
    return node(nodeId)
        .smtpAddress(network)
        .orElseThrow(
            () -> new IllegalArgumentException(nodeId + " is not attached to network " + network));
  }

  @Override
  public Optional<InetSocketAddress> imapEndpoint(String nodeId) {
    return node(nodeId).imapAddress();
  }

  @Override
  public Optional<InetSocketAddress> pop3Endpoint(String nodeId) {
    return node(nodeId).pop3Address();
  }

  @Override
  public NodeSpec.DeliverySpec delivery(String nodeId) {
    return node(nodeId).delivery();
  }

  @Override
  public Map<String, InetSocketAddress> dnsEndpoints() {
    // The addresses stay the same while a server is stopped: questions there time out.
    return new LinkedHashMap<>(cluster.dnsAddresses());
  }

  @Override
  public Optional<RegistryServices> registry() {
    return Optional.ofNullable(registry);
  }

  @Override
  public SimulationControl control() {
    return control;
  }

  /** The live DNS view of a network, for run-time record changes. */
  public Optional<DnsView> dnsView(String network) {
    return cluster.dnsView(network);
  }

  private RelayNode node(String id) {
    return cluster.node(id).orElseThrow(() -> new IllegalArgumentException("no node " + id));
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    cluster.close();
    temporaryData.ifPresent(Simulation::deleteTree);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
