package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim queue [NODE]}: the mail each node holds, as Postfix's mailq shows it: queue id,
 * arrival, sender and recipients, then state, next attempt and the last error.
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = {
      "ノードのキューにあるメールを表示します (Postfix の mailq)",
      "Lists the mail queued at the nodes (Postfix's mailq)"
    })
final class QueueCommand implements Callable<Integer> {
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
      JsonNode entries =
          api.client().get("/api/queue", node == null ? Map.of() : Map.of("node", node));
      print(out, entries);
      return 0;
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }

  static void print(PrintWriter out, JsonNode entries) {
    if (entries.size() == 0) {
      out.println("キューは空です / Mail queue is empty");
      out.flush();
      return;
    }
    TextTable table =
        new TextTable(
            "ノード/node",
            "キューID/queue id",
            "受付/arrival",
            "送信者/sender",
            "宛先/recipients",
            "状態/state",
            "次の試行/next attempt");
    List<String[]> errors = new ArrayList<>();
    for (JsonNode e : entries) {
      List<String> to = new ArrayList<>();
      e.path("to").forEach(t -> to.add(t.asText()));
      String state = e.path("state").asText();
      table.row(
          e.path("node").asText(),
          e.path("queueId").asText() + (state.equals("active") ? "*" : ""),
          e.path("arrival").asText(),
          e.path("from").asText().isEmpty() ? "MAILER-DAEMON" : e.path("from").asText(),
          String.join(", ", to),
          state.equals("active") ? "配送中/active" : "保留/deferred",
          e.path("nextAttempt").asText("-"));
      if (!e.path("lastError").asText().isEmpty()) {
        errors.add(new String[] {e.path("queueId").asText(), e.path("lastError").asText()});
      }
    }
    table.print(out, "");
    if (!errors.isEmpty()) {
      out.println();
      out.println("最後のエラー / last errors:");
      for (String[] err : errors) {
        out.println("  " + err[0] + "  (" + err[1] + ")");
      }
    }
    out.println("-- " + entries.size() + " 通 / " + entries.size() + " message(s)");
    out.flush();
  }
}
