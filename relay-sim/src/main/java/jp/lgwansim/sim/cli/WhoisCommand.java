package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import jp.lgwansim.sim.doctor.DnsDoctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim whois NAME}: asks the running simulation's WHOIS server, as {@code whois -h HOST
 * -p PORT NAME} would (article Figure 5), and prints its answer as it is.
 */
@Command(
    name = "whois",
    mixinStandardHelpOptions = true,
    description = {
      "シミュレーションの WHOIS (JPRS 風) にドメイン名かホスト名を問い合わせます (図5)",
      "Asks the simulation's WHOIS (JPRS style) about a domain or host name (Figure 5)"
    })
final class WhoisCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "例 / e.g. town-b.lg.jp (英語: town-b.lg.jp/e)")
  String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonNode whois = api.client().get("/api/topology").path("whois");
      if (!whois.has("host")) {
        throw CliFailure.of("このシミュレーションには WHOIS サーバがありません", "This simulation runs no WHOIS server");
      }
      InetSocketAddress at =
          new InetSocketAddress(whois.path("host").asText(), whois.path("port").asInt());
      String answer = DnsDoctor.whoisText(at, name);
      if (answer.isEmpty()) {
        throw CliFailure.of(
            "WHOIS サーバ " + at + " から応答がありません", "No answer from the WHOIS server at " + at);
      }
      out.println(answer);
      out.flush();
      return 0;
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }
}
