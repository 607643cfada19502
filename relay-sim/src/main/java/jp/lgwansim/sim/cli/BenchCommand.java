package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.lgwansim.sim.bench.SpoolCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lgwan-sim bench}: measures, in one run, what the durable spool costs a relay hop. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "1 ホップの中継性能を、fsync ありの保存と fsync なしで比べます (同じ実行の中の比)",
      "Measures one relay hop with the durable spool and with fsync off, as a ratio from one run"
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--messages",
      defaultValue = "2000",
      description = "送るメールの数 / messages per run (default: ${DEFAULT-VALUE})")
  int messages;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description = "同時に送る SMTP クライアント数 / parallel SMTP clients (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--size",
      defaultValue = "1024",
      description = "1 通のおよそのバイト数 / approximate message size in bytes (default: ${DEFAULT-VALUE})")
  int size;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    new SpoolCost(messages, clients, size).run(out);
    return 0;
  }
}
