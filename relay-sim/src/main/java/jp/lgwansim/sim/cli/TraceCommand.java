package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.lgwansim.relay.trace.Bilingual;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim trace ID|MESSAGE-ID}: the route of one message as the numbered steps of the
 * article's Figure 3, each step a Japanese line and an English line.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "メールの経路を図3のような番号付きの手順で表示します",
      "Shows a mail's route as numbered steps, like the article's Figure 3"
    })
final class TraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Parameters(
      index = "0",
      paramLabel = "ID|MESSAGE-ID",
      description = "send が表示した ID か Message-ID / the id send printed, or the Message-ID")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ApiClient client = api.client();
      JsonNode message = client.get("/api/messages/" + id);
      JsonNode topology = client.get("/api/topology");
      print(out, message, new RouteSteps(topology).steps(message));
      return 0;
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }

  private static void print(PrintWriter out, JsonNode m, List<Bilingual> steps) {
    List<String> to = new ArrayList<>();
    m.path("to").forEach(t -> to.add(t.asText()));
    List<String> hops = new ArrayList<>();
    m.path("hops").forEach(h -> hops.add(h.asText()));
    String status = m.path("status").asText();
    out.println("メッセージ " + m.path("id").asText() + " <" + m.path("messageId").asText() + ">");
    out.println(
        "  "
            + m.path("from").asText()
            + " → "
            + String.join(", ", to)
            + "  件名/subject: "
            + m.path("subject").asText());
    out.println(
        "  状態 "
            + statusJa(status)
            + " / status "
            + status
            + ";  経路/hops: "
            + String.join(" → ", hops));
    out.println();
    int n = 1;
    for (Bilingual step : steps) {
      String number = RouteSteps.number(n++);
      out.println(number + " " + step.ja());
      out.println(" ".repeat(number.length() + 1) + step.en());
    }
    if (steps.isEmpty()) {
      out.println("まだ手順がありません / No steps yet.");
    }
    out.flush();
  }

  private static String statusJa(String status) {
    switch (status) {
      case "delivered":
        return "配送済み";
      case "failed":
        return "失敗";
      case "deferred":
        return "再送待ち";
      default:
        return "配送中";
    }
  }
}
