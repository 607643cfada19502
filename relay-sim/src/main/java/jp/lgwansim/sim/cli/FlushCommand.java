package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lgwan-sim flush [NODE]}: retry deferred mail now (Postfix's postqueue -f). */
@Command(
    name = "flush",
    mixinStandardHelpOptions = true,
    description = {
      "保留中のメールを今すぐ再送します (Postfix の postqueue -f)",
      "Retries deferred mail now (Postfix's postqueue -f)"
    })
final class FlushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NODE",
      description = "このノードだけ (省略時は全ノード) / only this node (default: every node)")
  String node;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      int n =
          api.client()
              .post("/api/queue/flush", node == null ? Map.of() : Map.of("node", node), Map.of())
              .path("flushed")
              .asInt();
      String where = node == null ? "" : node + " の";
      String whereEn = node == null ? "" : " at " + node;
      out.println(where + "保留中のメール " + n + " 通を再送します");
      out.println("Retrying " + n + " deferred message(s)" + whereEn + " now");
      out.flush();
      return 0;
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }
}
