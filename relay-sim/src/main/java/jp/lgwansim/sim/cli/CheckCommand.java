package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.Simulation;
import jp.lgwansim.sim.api.TopologyDocument;
import jp.lgwansim.sim.doctor.Check;
import jp.lgwansim.sim.doctor.DnsDoctor;
import jp.lgwansim.sim.topology.TopologyFile;
import jp.lgwansim.sim.topology.TopologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim check [TOPOLOGY | --running] [--json]}: the DNS doctor. With a TOPOLOGY file it
 * starts a private copy of that simulation on the file's own addresses (so the same file must not
 * be running), checks it over the network exactly as {@code --running} does, and stops it: one set
 * of checks, and what it reports is what a running simulation would really answer.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "記事のチェック項目 (MX、WHOIS のネームサーバ、グルー、lame delegation、smarthost) を確かめます。すべて合格なら終了コード 0",
      "Checks what the article asks (MX, WHOIS name servers, glue, lame delegation, smarthosts);"
          + " exit status 0 only when all pass"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOPOLOGY",
      description =
          "このトポロジを一時的に起動して確かめる (同じアドレスで動いていないこと) / start this topology"
              + " privately on its own addresses and check it")
  Path topology;

  @Option(
      names = "--running",
      description = "動いているシミュレーションを確かめる (既定) / check the running simulation (default)")
  boolean running;

  @Option(names = "--json", description = "JSON で出力 / print JSON for scripts")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    List<Check> checks;
    try {
      if (topology != null && !running) {
        TopologyFile file = TopologyLoader.loadFile(topology);
        try (Simulation sim =
            Simulation.start(
                file.topology(), file.registry(), Optional.empty(), Cluster.Options::defaults)) {
          JsonNode doc = mapper.valueToTree(TopologyDocument.of(sim));
          checks = DnsDoctor.run(doc);
        }
      } else {
        checks = DnsDoctor.run(api.client().get("/api/topology"));
      }
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    } catch (jp.lgwansim.sim.StartupException | jp.lgwansim.sim.topology.TopologyException e) {
      CliFailure f =
          new CliFailure(
              Bilingual.of(
                  "確認用に起動できませんでした: " + topology, "Could not start it to check: " + topology),
              e.getMessage());
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
    boolean allOk = checks.stream().allMatch(Check::ok);
    if (json) {
      out.println(mapper.writeValueAsString(java.util.Map.of("ok", allOk, "checks", checks)));
    } else {
      for (Check c : checks) {
        out.println((c.ok() ? "[OK] " : "[NG] ") + c.subject() + ": " + c.ja());
        out.println("     " + c.en());
        if (!c.ok()) {
          out.println("     対処: " + c.fixJa());
          out.println("     Fix: " + c.fixEn());
        }
      }
      long failed = checks.stream().filter(c -> !c.ok()).count();
      out.println(
          failed == 0
              ? "すべて合格 (" + checks.size() + " 項目) / all " + checks.size() + " checks passed"
              : failed + " 項目が不合格 / " + failed + " of " + checks.size() + " checks failed");
    }
    out.flush();
    return allOk ? 0 : 1;
  }
}
