package jp.lgwansim.sim.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lgwan-sim}: the entry point and the list of commands. */
@Command(
    name = "lgwan-sim",
    mixinStandardHelpOptions = true,
    version = "lgwan-sim 0.1.0",
    description = {
      "LGWAN のメール中継シミュレータ",
      "A simulator of mail relay over LGWAN, Japan's local-government network"
    },
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      SendCommand.class,
      TraceCommand.class,
      NslookupCommand.class,
      QueueCommand.class,
      FlushCommand.class,
      FaultCommand.class,
      WhoisCommand.class,
      CheckCommand.class,
      NsChangeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  private final Supplier<SimulationLauncher> launchers;

  /** Runs topology files with the real simulation. */
  public Main() {
    this(TopologyFileLauncher::new);
  }

  /**
   * @param launchers makes the launcher {@code run} uses; may return null when there is no engine
   */
  public Main(Supplier<SimulationLauncher> launchers) {
    this.launchers = launchers;
  }

  public static void main(String[] args) {
    // Japanese must come out as UTF-8 whatever the platform's default (Java 17 follows the locale).
    CommandLine cli =
        BilingualHelp.apply(new CommandLine(new Main()))
            .setOut(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
            .setErr(
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  SimulationLauncher newLauncher() {
    SimulationLauncher launcher = launchers.get();
    if (launcher == null) {
      throw CliFailure.of(
          "このビルドにはシミュレーションの実行部がありません (SimulationLauncher が登録されていません)",
          "This build has no simulation engine (no SimulationLauncher is registered)");
    }
    return launcher;
  }
}
