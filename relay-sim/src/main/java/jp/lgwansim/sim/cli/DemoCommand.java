package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.lgwansim.relay.topology.SampleMail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim demo}: Figure 1 in one command. Starts figure1-mx (or {@code --topology}), sends
 * the topology's sample mails with the same {@code send} and {@code trace} commands a user types
 * (each shown with its command line, so the demo teaches the CLI too), then says where to look and
 * keeps running until Ctrl-C.
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

  @Option(
      names = "--no-browser",
      description = "ダッシュボードをブラウザで開かない / do not open the dashboard in a browser")
  boolean noBrowser;

  // The demo always starts from an empty queue in a temporary folder, so it runs the same each
  // time.

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
      List<SampleMail> samples = live.simulation().topology().samples();
      if (samples.isEmpty()) {
        out.println("このトポロジには samples がありません / This topology documents no sample mails.");
      }
      for (SampleMail s : samples) {
        String body =
            s.subject()
                + "\n\nlgwan-sim demo が送ったサンプルメールです。経路: "
                + String.join(" → ", s.path())
                + "\nA sample mail sent by lgwan-sim demo. Path: "
                + String.join(" → ", s.path())
                + "\n";
        String[] send = {
          "send",
          "--http-host",
          live.apiHost(),
          "--http-port",
          port,
          "--from",
          s.from(),
          "--to",
          s.to(),
          "--subject",
          s.subject(),
          "--body",
          body,
          "--wait"
        };
        StringWriter captured = new StringWriter();
        int code = run(new PrintWriter(captured), err, send);
        out.println("$ lgwan-sim send --from " + s.from() + " --to " + s.to() + " --wait");
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
        run(out, err, "trace", "--http-host", live.apiHost(), "--http-port", port, ids.get(0));
        out.println();
      }
      printTryThis(out, live);
      if (exitAfterSamples) {
        return failures == 0 ? 0 : 1;
      }
      if (!noBrowser) {
        openBrowser(live.dashboardUri(), out);
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

  /** Where to look next, for the topology's first sample (or just the API without one). */
  private void printTryThis(PrintWriter out, LiveSimulation live) {
    var sim = live.simulation();
    out.println("試してみましょう / Try it yourself:");
    out.println(
        "  ダッシュボードでメールと経路を見る / see the mail and its route in the dashboard: "
            + live.dashboardUri());
    List<SampleMail> samples = sim.topology().samples();
    if (!samples.isEmpty()) {
      SampleMail first = samples.get(0);
      String receiver = first.path().get(first.path().size() - 1);
      String sender = first.path().get(0);
      var receiverNode = sim.topology().node(receiver).orElseThrow();
      String password =
          receiverNode.mailboxes().stream()
              .filter(m -> m.address().equalsIgnoreCase(first.to()))
              .map(m -> m.password())
              .findFirst()
              .orElse("?");
      var senderNode = sim.topology().node(sender).orElseThrow();
      InetSocketAddress smtp =
          sim.smtpEndpoint(sender, senderNode.addresses().keySet().iterator().next());
      sim.imapEndpoint(receiver)
          .ifPresent(
              imap -> {
                out.println(
                    "  メールボックス (IMAP) / mailbox (IMAP): "
                        + host(imap)
                        + "  user "
                        + first.to()
                        + "  password "
                        + password);
                out.println(
                    "    curl -s 'imap://"
                        + host(imap)
                        + "/INBOX;UID=1' -u '"
                        + first.to()
                        + ":"
                        + password
                        + "'");
              });
      String domain = first.to().substring(first.to().indexOf('@') + 1);
      out.println(
          "  MXの確認 (図4) / check the MX (Figure 4):  ./lgwan-sim nslookup -type=MX " + domain);
      sim.dnsEndpoints().values().stream()
          .findFirst()
          .ifPresent(
              dns ->
                  out.println(
                      "    dig @"
                          + dns.getAddress().getHostAddress()
                          + " -p "
                          + dns.getPort()
                          + " MX "
                          + domain));
      out.println(
          "  送信 / send:  swaks --server "
              + host(smtp)
              + " --from "
              + first.from()
              + " --to "
              + first.to());
    }
    out.println("  API: " + live.apiUri() + "/api/messages");
    out.println(
        "  Static配送 (POI経由) / Static delivery via the POI:  ./lgwan-sim run"
            + " topologies/figure1-static.yaml");
    out.flush();
  }

  /**
   * Opens the dashboard where there is a desktop to open it on (a trainer's laptop); on a server or
   * in a terminal without one, the printed URL is all there is.
   */
  private static void openBrowser(java.net.URI uri, PrintWriter out) {
    if (java.awt.GraphicsEnvironment.isHeadless()
        || !java.awt.Desktop.isDesktopSupported()
        || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
      return;
    }
    try {
      java.awt.Desktop.getDesktop().browse(uri);
      out.println("ブラウザでダッシュボードを開きました / Opened the dashboard in your browser: " + uri);
    } catch (java.io.IOException | RuntimeException e) {
      out.println("ブラウザを開けませんでした。URL を開いてください / Could not open a browser; open " + uri);
    }
    out.flush();
  }

  private static String host(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
