package jp.lgwansim.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.api.TopologyDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim run TOPOLOGY}: starts the simulation and its API, prints where everything
 * listens, and runs until Ctrl-C (or until its thread is interrupted, which is how tests stop it).
 * Both paths close the API and the simulation exactly once.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "トポロジを読み込んでシミュレーションを動かします (Ctrl-C で停止)",
      "Loads a topology and runs the simulation until Ctrl-C"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Parameters(
      index = "0",
      paramLabel = "TOPOLOGY",
      description = "トポロジ (YAML) / topology file, e.g. topologies/figure1-mx.yaml")
  Path topology;

  @Option(
      names = "--http-port",
      defaultValue = "" + ApiOptions.DEFAULT_PORT,
      paramLabel = "PORT",
      description = "API のポート / port of the HTTP API (default: ${DEFAULT-VALUE}; 0 = any free)")
  int httpPort;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return runUntilStopped(out);
    } catch (CliFailure f) {
      f.print(err);
      return f.exitCode();
    }
  }

  private int runUntilStopped(PrintWriter out) {
    SimulationLauncher launcher = main.newLauncher();
    SimulationHandle sim;
    try {
      sim = launcher.start(topology);
    } catch (Exception e) {
      stopQuietly(launcher);
      throw new CliFailure(
          Bilingual.of(
              "シミュレーションを開始できませんでした: " + topology, "Could not start the simulation: " + topology),
          e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    }
    ApiServer api;
    try {
      api = ApiServer.start(sim, ApiOptions.defaults().withPort(httpPort));
    } catch (BindException e) {
      stopQuietly(launcher);
      throw CliFailure.of(
          "API のポート " + httpPort + " は使用中です。--http-port で別のポートを指定してください",
          "The API port " + httpPort + " is in use. Pick another with --http-port");
    } catch (IOException e) {
      stopQuietly(launcher);
      throw CliFailure.of(
          "API を開始できませんでした: " + e.getMessage(), "Could not start the API: " + e.getMessage());
    }

    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stopAll =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            api.close();
            stopQuietly(launcher);
          }
        };
    Thread hook = new Thread(stopAll, "lgwan-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    print(out, TopologyDocument.of(sim), api);
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopAll.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or has run.
      }
    }
    out.println("停止しました / Stopped.");
    out.flush();
    return 0;
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
    out.println("Ctrl-C で停止します / Press Ctrl-C to stop.");
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
