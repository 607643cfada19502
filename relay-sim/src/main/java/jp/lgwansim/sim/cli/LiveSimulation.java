package jp.lgwansim.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.api.TopologyDocument;

/**
 * A simulation with its API, as {@code run} and {@code demo} start it: both are closed exactly
 * once, whether by {@link #close}, Ctrl-C (a shutdown hook) or an interrupt.
 */
final class LiveSimulation implements AutoCloseable {
  private final SimulationLauncher launcher;
  private final SimulationHandle sim;
  private final ApiServer api;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread hook;
  private final long readyMillis;

  private LiveSimulation(SimulationLauncher launcher, SimulationHandle sim, ApiServer api) {
    this.launcher = launcher;
    this.sim = sim;
    this.api = api;
    // From the JVM's start, so the figure includes what a user waits for: JVM, class loading,
    // binds.
    this.readyMillis =
        System.currentTimeMillis()
            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    this.hook = new Thread(this::stop, "lgwan-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts the topology and the API on {@code httpPort}.
   *
   * @throws CliFailure saying what went wrong and what to do
   */
  static LiveSimulation start(
      Main main,
      Path topology,
      java.util.Optional<Path> dataDir,
      int httpPort,
      java.net.InetAddress httpBind) {
    SimulationLauncher launcher = main.newLauncher();
    SimulationHandle sim;
    try {
      sim = launcher.start(topology, dataDir);
    } catch (Exception e) {
      stopQuietly(launcher);
      throw new CliFailure(
          Bilingual.of(
              "シミュレーションを開始できませんでした: " + topology, "Could not start the simulation: " + topology),
          e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    }
    ApiServer api;
    try {
      api =
          ApiServer.start(sim, ApiOptions.defaults().withPort(httpPort).withBindAddress(httpBind));
    } catch (BindException e) {
      stopQuietly(launcher);
      if (HttpBindOption.isShared(httpBind)) {
        throw CliFailure.of(
            httpBind.getHostAddress()
                + ":"
                + httpPort
                + " で待ち受けられません。このマシンのアドレスか (ip addr で確認)、ポートが空いているか確かめてください",
            "Cannot listen on "
                + httpBind.getHostAddress()
                + ":"
                + httpPort
                + ". Check that the address is this machine's (ip addr) and the port is free");
      }
      throw CliFailure.of(
          "API のポート " + httpPort + " は使用中です。--http-port で別のポートを指定してください",
          "The API port " + httpPort + " is in use. Pick another with --http-port");
    } catch (IOException e) {
      stopQuietly(launcher);
      throw CliFailure.of(
          "API を開始できませんでした: " + e.getMessage(), "Could not start the API: " + e.getMessage());
    }
    return new LiveSimulation(launcher, sim, api);
  }

  SimulationHandle simulation() {
    return sim;
  }

  URI apiUri() {
    return api.uri();
  }

  /**
   * Where a browser on this machine opens the dashboard: the bound address, or 127.0.0.1 when it
   * listens on every interface (0.0.0.0 is no address to browse to).
   */
  URI dashboardUri() {
    return URI.create("http://" + apiHost() + ":" + api.address().getPort() + "/");
  }

  /** Where the CLI reaches the API: the bound address, or 127.0.0.1 when bound to all. */
  String apiHost() {
    java.net.InetAddress a = api.address().getAddress();
    return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
  }

  int apiPort() {
    return api.address().getPort();
  }

  /** Blocks until Ctrl-C or an interrupt (which is how tests stop it). */
  void awaitCtrlC() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }

  private void stop() {
    if (stopped.compareAndSet(false, true)) {
      api.close();
      stopQuietly(launcher);
    }
  }

  /** The tables of nodes, DNS servers and mailbox logins, and the API address. */
  void printWhereToLook(PrintWriter out) {
    print(out, TopologyDocument.of(sim), api);
    out.println("ダッシュボード (ブラウザで開く) / Dashboard (open in a browser): " + dashboardUri());
    String shared = HttpBindOption.warning(api.address().getAddress());
    if (!shared.isEmpty()) {
      out.println(shared);
    }
    out.printf(
        "準備完了: 起動から %.2f 秒 / Ready %.2f s after start%n",
        readyMillis / 1000.0, readyMillis / 1000.0);
    out.flush();
  }

  private static void print(PrintWriter out, TopologyDocument t, ApiServer api) {
    out.println("シミュレーション " + t.name() + " を開始しました / Simulation " + t.name() + " started");
    out.println();
    out.println("ノード / Nodes");
    TextTable nodes =
        new TextTable("ID", "役割/role", "ホスト名/hostname", "SMTP", "配送/delivery", "メールボックス/mailboxes");
    for (TopologyDocument.Node n : t.nodes()) {
      List<String> smtp = new ArrayList<>();
      for (TopologyDocument.Smtp s : n.smtp()) {
        smtp.add(s.network() + " " + s.host() + ":" + s.port());
      }
      String delivery =
          n.delivery().smarthost() == null
              ? n.delivery().mode()
              : n.delivery().mode() + " → " + n.delivery().smarthost();
      List<String> boxes = new ArrayList<>();
      for (TopologyDocument.Mailbox m : n.mailboxes()) {
        boxes.add(m.address());
      }
      nodes.row(
          n.id(),
          n.role(),
          n.hostname(),
          String.join(", ", smtp),
          delivery,
          boxes.isEmpty() ? "-" : String.join(", ", boxes));
    }
    nodes.print(out, "  ");
    out.println();
    out.println("DNS サーバ / DNS servers");
    TextTable dns = new TextTable("ビュー/view", "アドレス/address", "例/try");
    for (TopologyDocument.Dns d : t.dns()) {
      dns.row(
          d.view(),
          d.host() + ":" + d.port(),
          "dig @" + d.host() + " -p " + d.port() + " MX <domain>");
    }
    dns.print(out, "  ");
    boolean anyMailbox = t.nodes().stream().anyMatch(n -> !n.mailboxes().isEmpty());
    if (anyMailbox) {
      out.println();
      out.println("メールボックスのログイン / Mailbox logins");
      TextTable logins = new TextTable("アドレス/address", "パスワード/password", "IMAP", "POP3");
      for (TopologyDocument.Node n : t.nodes()) {
        for (TopologyDocument.Mailbox m : n.mailboxes()) {
          logins.row(m.address(), m.password(), endpoint(n.imap()), endpoint(n.pop3()));
        }
      }
      logins.print(out, "  ");
    }
    out.println();
    out.println("API: " + api.uri() + "/api/topology");
    out.flush();
  }

  private static String endpoint(TopologyDocument.Endpoint e) {
    return e == null ? "-" : e.host() + ":" + e.port();
  }

  private static void stopQuietly(SimulationLauncher launcher) {
    try {
      launcher.stop();
    } catch (Exception e) {
      // Stopping is best effort; the process is ending.
      org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("stopping the simulation failed", e);
    }
  }
}
