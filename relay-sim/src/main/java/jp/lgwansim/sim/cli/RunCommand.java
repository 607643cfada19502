package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.lgwansim.sim.api.ApiOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin HttpBindOption httpBind = new HttpBindOption();

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      paramLabel = "DIR",
      description = {
        "キューを保存するフォルダ。DIR/<トポロジ名> に保存し、同じフォルダで再起動すると続きから配送します" + " (既定: ${DEFAULT-VALUE})",
        "where queues are kept, in DIR/<topology name>; a restart on the same folder resumes them"
            + " (default: ${DEFAULT-VALUE})"
      })
  Path dataDir;

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
    try (LiveSimulation live =
        LiveSimulation.start(
            main, topology, java.util.Optional.of(dataDir), httpPort, httpBind.address())) {
      live.printWhereToLook(out);
      out.println("Ctrl-C で停止します / Press Ctrl-C to stop.");
      out.flush();
      live.awaitCtrlC();
    }
    out.println("停止しました / Stopped.");
    out.flush();
    return 0;
  }
}
