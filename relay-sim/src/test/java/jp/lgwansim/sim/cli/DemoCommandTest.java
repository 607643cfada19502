package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lgwan-sim demo}, run in-process with the real simulation and the shipped Figure 1. */
class DemoCommandTest {

  @Test
  void demo_exit_sendsFigure1MailsThroughTheLgwanRelayAndShowsTheRoute() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(
                "demo",
                "--exit",
                "--http-port",
                "0",
                "--topology",
                "../topologies/figure1-mx.yaml");

    String text = out.toString();
    assertEquals(0, code, text + err);
    assertTrue(text.contains("配送されました / Delivered: city-a → lgwan-relay → town-b"), text + err);
    assertTrue(text.contains("配送されました / Delivered: town-b → lgwan-relay → city-a"), text + err);
    assertTrue(text.contains("town-b.lg.jp の MX は? → 10 relay.lgwan.jp."), text);
    assertTrue(text.contains("hanako@town-b.lg.jp のメールボックスに配送しました"), text);
    assertTrue(text.contains("準備完了"), text);
  }

  @Test
  void demo_apiBoundToAnotherAddress_itsOwnSendAndTraceStillReachIt() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(
                "demo",
                "--exit",
                "--http-bind",
                "127.0.0.5",
                "--http-port",
                "0",
                "--topology",
                "../topologies/figure1-mx.yaml");
    String text = out.toString();
    assertEquals(0, code, text + err);
    assertTrue(text.contains("配送されました / Delivered: city-a → lgwan-relay → town-b"), text + err);
    assertTrue(text.contains("http://127.0.0.5:"), text);
  }
}
