package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim demo}: Figure 1 in one command. Starts figure1-mx, sends sample mails with the
 * same {@code send} and {@code trace} commands a user types (each shown with its command line, so
 * the demo teaches the CLI too), then says where to look and keeps running until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "図1 (MX配送) を起動し、サンプルメールを送って経路を表示します (Ctrl-C で停止)",
      "Runs Figure 1 (MX delivery), sends sample mails and shows their routes (Ctrl-C stops)"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Option(
      names = "--topology",
      defaultValue = "topologies/figure1-mx.yaml",
      paramLabel = "FILE",
      description = "トポロジ / topology (default: ${DEFAULT-VALUE})")
  Path topology;

  @Option(
      names = "--http-port",
      defaultValue = "8025",
      paramLabel = "PORT",
      description = "API のポート / port of the HTTP API (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Mixin HttpBindOption httpBind = new HttpBindOption();

  @Option(
      names = "--exit",
      description = "サンプルを送ったら終了する / stop after the sample mails instead of running on")
  boolean exitAfterSamples;

  // The demo always starts from an empty queue in a temporary folder, so it runs the same each
  // time.

  /** The sample mails: Figure 1's A市 → B町, and B町's answer. */
  private static final List<String[]> SAMPLES =
      List.of(
          new String[] {
            "taro@city-a.lg.jp",
            "hanako@town-b.lg.jp",
            "LGWAN経由の連絡 / A message over LGWAN",
            "B町 花子様\nA市の太郎です。LGWAN経由でお送りします。\nSent from city A to town B over LGWAN.\n"
          },
          new String[] {
            "hanako@town-b.lg.jp",
            "taro@city-a.lg.jp",
            "Re: LGWAN経由の連絡 / Re: A message over LGWAN",
            "A市 太郎様\n受け取りました。B町 花子\nReceived, thank you.\n"
          });

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (LiveSimulation live =
        LiveSimulation.start(
            main, topology, java.util.Optional.empty(), httpPort, httpBind.address())) {
      live.printWhereToLook(out);
      out.println();
      String port = Integer.toString(live.apiPort());
      List<String> ids = new ArrayList<>();
      int failures = 0;
      for (String[] s : SAMPLES) {
        String[] send = {
          "send",
          "--http-port",
          port,
          "--from",
          s[0],
          "--to",
          s[1],
          "--subject",
          s[2],
          "--body",
          s[3],
          "--wait"
        };
        StringWriter captured = new StringWriter();
        int code = run(new PrintWriter(captured), err, send);
        out.println("$ lgwan-sim send --from " + s[0] + " --to " + s[1] + " --wait");
        out.print(captured);
        out.println();
        failures += code == 0 ? 0 : 1;
        String id = captured.toString().lines().findFirst().orElse("").strip();
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      if (!ids.isEmpty()) {
        out.println("$ lgwan-sim trace " + ids.get(0));
        out.flush();
        run(out, err, "trace", "--http-port", port, ids.get(0));
        out.println();
      }
      printTryThis(out, live);
      if (exitAfterSamples) {
        return failures == 0 ? 0 : 1;
      }
      out.println("Ctrl-C で停止します / Press Ctrl-C to stop.");
      out.flush();
      live.awaitCtrlC();
      return 0;
    } catch (CliFailure f) {
      f.print(err);
      return f.exitCode();
    }
  }

  private int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(main).setOut(out).setErr(err).execute(args);
  }

  private void printTryThis(PrintWriter out, LiveSimulation live) {
    var sim = live.simulation();
    InetSocketAddress smtp = sim.smtpEndpoint("city-a", "lgwan");
    InetSocketAddress imap = sim.imapEndpoint("town-b").orElseThrow();
    InetSocketAddress dns = sim.dnsEndpoints().get("lgwan");
    out.println("試してみましょう / Try it yourself:");
    out.println(
        "  ダッシュボードで図1のメールと経路を見る / see Figure 1's mail and its route in the dashboard: "
            + live.dashboardUri());
    out.println(
        "  B町のメールボックス (IMAP) / town B's mailbox (IMAP): "
            + host(imap)
            + "  user hanako@town-b.lg.jp  password hanako-pass");
    out.println(
        "    curl -s 'imap://" + host(imap) + "/INBOX;UID=1' -u 'hanako@town-b.lg.jp:hanako-pass'");
    out.println(
        "  MXの確認 (図4) / check the MX (Figure 4):  ./lgwan-sim nslookup -type=MX town-b.lg.jp");
    out.println(
        "    dig @"
            + dns.getAddress().getHostAddress()
            + " -p "
            + dns.getPort()
            + " MX town-b.lg.jp");
    out.println(
        "  A市から送信 / send from city A:  swaks --server "
            + host(smtp)
            + " --from taro@city-a.lg.jp --to hanako@town-b.lg.jp");
    out.println("  API: " + live.apiUri() + "/api/messages");
    out.println(
        "  Static配送 (POI経由) / Static delivery via the POI:  ./lgwan-sim run"
            + " topologies/figure1-static.yaml");
    out.flush();
  }

  private static String host(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
