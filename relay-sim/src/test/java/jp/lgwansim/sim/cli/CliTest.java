package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.api.FakeSimulation;
import jp.lgwansim.sim.api.Figure1Journey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
  private FakeSimulation sim;
  private ApiServer api;
  private TestDnsResponder dns;

  @BeforeEach
  void start() throws IOException {
    sim = new FakeSimulation();
    dns = new TestDnsResponder();
    sim.addDnsView("lgwan", dns.address());
    api = ApiServer.start(sim, ApiOptions.defaults().withPort(0));
  }

  @AfterEach
  void stop() {
    api.close();
    sim.close();
    dns.close();
  }

  /** What a command printed and how it ended. */
  record Run(int exitCode, String out, String err) {}

  private static Run execute(Main main, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(main)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Run execute(String... args) {
    String[] withPort = new String[args.length + 2];
    System.arraycopy(args, 0, withPort, 0, args.length);
    withPort[args.length] = "--http-port";
    withPort[args.length + 1] = Integer.toString(api.address().getPort());
    return execute(new Main(() -> null), withPort);
  }

  @Test
  void send_printsTheIdOfTheSubmittedMail() {
    Run r = execute("send", "--from", "taro@city-a.lg.jp", "--to", "hanako@town-b.lg.jp");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("CQ1\n"), r.out());
    assertTrue(r.out().contains("lgwan-sim trace CQ1"), r.out());
    assertEquals("CQ1", api.tracker().find("CQ1").orElseThrow().id());
  }

  @Test
  void send_wait_endsWhenTheEventStreamSaysDelivered() {
    sim.afterReceived(new Figure1Journey());
    Run r = execute("send", "--from", "taro@city-a.lg.jp", "--to", "hanako@town-b.lg.jp", "--wait");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("配送されました / Delivered: city-a → relay → town-b"), r.out());
  }

  @Test
  void send_senderOfNoNode_printsTheApisBilingualError() {
    Run r = execute("send", "--from", "taro@example.com", "--to", "hanako@town-b.lg.jp");

    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("送信者のドメイン example.com"), r.err());
    assertTrue(r.err().contains("No node hosts the sender's domain example.com"), r.err());
  }

  @Test
  void trace_printsTheRouteAsNumberedStepsJapaneseThenEnglish() {
    sim.afterReceived(new Figure1Journey());
    execute("send", "--from", "taro@city-a.lg.jp", "--to", "hanako@town-b.lg.jp");

    Run r = execute("trace", "CQ1");

    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.contains("状態 配送済み / status delivered"), out);
    assertTrue(
        out.contains("① A市 (city-a) が 127.0.0.1 から taro@city-a.lg.jp → hanako@town-b.lg.jp"), out);
    assertTrue(
        out.contains(
            "② A市 (city-a) が LGWAN の DNS (127.10.0.53:5353) に問い合わせ: town-b.lg.jp の MX は? → 10 relay.lgwan.jp.\n"
                + "  A市 (city-a) asked LGWAN DNS (127.10.0.53:5353): MX town-b.lg.jp? → 10 relay.lgwan.jp.\n"),
        out);
    assertTrue(
        out.contains(
            "③ A市 (city-a) が relay.lgwan.jp [127.10.0.10] (LGWANメール中継サーバ (relay)) へ転送しました: 250 2.0.0 OK queued as RQ1"),
        out);
    assertTrue(out.contains("④ LGWANメール中継サーバ (relay) の転送設定 (transport) により town-b.lg.jp 宛は"), out);
    assertTrue(out.contains("relayed to mail.town-b.lg.jp [127.10.0.3] (B町 (town-b))"), out);
    assertTrue(
        out.contains(
            "⑥ B町 (town-b) が hanako@town-b.lg.jp のメールボックスに配送しました\n"
                + "  B町 (town-b) delivered to hanako@town-b.lg.jp's mailbox"),
        out);
    assertFalse(out.contains("⑦"), out);
  }

  @Test
  void trace_unknownId_saysSoInBothLanguages() {
    Run r = execute("trace", "NOPE");

    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("メッセージ NOPE は見つかりません"), r.err());
    assertTrue(r.err().contains("No message NOPE"), r.err());
  }

  @Test
  void nslookup_mx_printsLikeFigure4WithTheExchangersAddress() {
    Run r = execute("nslookup", "-type=MX", "town-b.lg.jp");

    assertEquals(0, r.exitCode(), r.err());
    String port = Integer.toString(dns.address().getPort());
    assertTrue(
        r.out().startsWith("Server:  lgwan DNS\nAddress:  127.0.0.1#" + port + "\n\n"), r.out());
    assertTrue(
        r.out().contains("town-b.lg.jp    MX preference = 10, mail exchanger = relay.lgwan.jp\n"),
        r.out());
    assertTrue(r.out().contains("relay.lgwan.jp    internet address = 127.10.0.10"), r.out());
    assertFalse(r.out().contains("正しく構成されていません"), r.out());
  }

  @Test
  void nslookup_unknownDomain_saysNonExistentAndHints() {
    Run r = execute("nslookup", "-type=MX", "nosuch.lg.jp", "--view", "lgwan");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out().contains("*** lgwan DNS can't find nosuch.lg.jp: Non-existent domain"), r.out());
    assertTrue(
        r.out()
            .contains(
                "MXレコードが表示されない場合、DNSは正しく構成されていません / No MX record shown: DNS is not configured correctly."),
        r.out());
  }

  @Test
  void nslookup_domainWithoutMx_showsTheSoaAndHints() {
    Run r = execute("nslookup", "-type=MX", "city-a.lg.jp");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("primary name server = ns.lgwan.jp"), r.out());
    assertTrue(r.out().contains("No MX record shown"), r.out());
  }

  @Test
  void nslookup_address_printsNameAndAddress() {
    Run r = execute("nslookup", "relay.lgwan.jp");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Name:    relay.lgwan.jp\nAddress:  127.10.0.10\n"), r.out());
  }

  @Test
  void nslookup_unknownView_namesTheViewsThatExist() {
    Run r = execute("nslookup", "town-b.lg.jp", "--view", "internet");

    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("No DNS view internet. There are: lgwan"), r.err());
  }

  @Test
  void commands_withNothingListening_sayHowToStartASimulation() throws IOException {
    int freePort;
    try (ServerSocket s =
        new ServerSocket(0, 1, jp.lgwansim.relay.net.Cidr.parseIpv4("127.0.0.1"))) {
      freePort = s.getLocalPort();
    }
    for (String[] args :
        new String[][] {
          {"send", "--from", "taro@city-a.lg.jp", "--to", "hanako@town-b.lg.jp"},
          {"trace", "CQ1"},
          {"nslookup", "-type=MX", "town-b.lg.jp"}
        }) {
      String[] withPort = new String[args.length + 2];
      System.arraycopy(args, 0, withPort, 0, args.length);
      withPort[args.length] = "--http-port";
      withPort[args.length + 1] = Integer.toString(freePort);
      Run r = execute(new Main(() -> null), withPort);
      assertEquals(1, r.exitCode(), args[0]);
      assertTrue(r.err().contains("で起動してください"), r.err());
      assertTrue(
          r.err().contains("Start one with ./lgwan-sim run topologies/figure1-mx.yaml"), r.err());
    }
  }

  @Test
  void run_printsNodesDnsAndApi_thenStopsEverythingWhenInterrupted() throws Exception {
    api.close(); // run starts its own
    AtomicInteger started = new AtomicInteger();
    AtomicBoolean stopped = new AtomicBoolean();
    SimulationLauncher launcher =
        new SimulationLauncher() {
          @Override
          public SimulationHandle start(Path topologyFile, java.util.Optional<Path> dataDir) {
            assertEquals(Path.of("topologies/figure1-mx.yaml"), topologyFile);
            started.incrementAndGet();
            return sim;
          }

          @Override
          public void stop() {
            stopped.set(true);
          }
        };
    AwaitableWriter out = new AwaitableWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new Main(() -> launcher))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner =
        new Thread(
            () -> exit.set(cli.execute("run", "topologies/figure1-mx.yaml", "--http-port", "0")));
    runner.start();

    out.await("Ctrl-C", Duration.ofSeconds(10));
    String table = out.toString();
    assertTrue(table.contains("city-a  municipality  mail.city-a.lg.jp"), table);
    assertTrue(
        table.contains("lgwan 127.0.0.1:" + sim.smtpEndpoint("city-a", "lgwan").getPort()), table);
    assertTrue(table.contains("hanako@town-b.lg.jp"), table);
    assertTrue(table.contains("hanako-pass"), table);
    assertTrue(table.contains("dig @127.0.0.1 -p " + dns.address().getPort() + " MX"), table);
    assertTrue(table.contains("API: http://127.0.0.1:"), table);
    assertFalse(stopped.get());

    runner.interrupt();
    runner.join(10_000);
    assertEquals(0, exit.get(), err.toString());
    assertTrue(stopped.get());
    assertEquals(1, started.get());
    assertTrue(out.toString().contains("停止しました / Stopped."));
  }

  @Test
  void run_topologyTheEngineRejects_printsItsErrorAndExits1() {
    SimulationLauncher launcher =
        new SimulationLauncher() {
          @Override
          public SimulationHandle start(Path topologyFile, java.util.Optional<Path> dataDir)
              throws Exception {
            throw new Exception("bad.yaml:3: 不明なキー / unknown key 'nodez'");
          }

          @Override
          public void stop() {}
        };
    Run r = execute(new Main(() -> launcher), "run", "bad.yaml");

    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("シミュレーションを開始できませんでした: bad.yaml"), r.err());
    assertTrue(r.err().contains("Could not start the simulation: bad.yaml"), r.err());
    assertTrue(r.err().contains("bad.yaml:3: 不明なキー / unknown key 'nodez'"), r.err());
  }

  @Test
  void run_withoutAnEngine_saysSo() {
    Run r = execute(new Main(() -> null), "run", "topologies/figure1-mx.yaml");

    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("no SimulationLauncher is registered"), r.err());
  }
}
