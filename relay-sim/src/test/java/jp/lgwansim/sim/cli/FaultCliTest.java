package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.FaultLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code queue}, {@code flush} and {@code fault ...} in-process against a real simulation. */
class FaultCliTest {
  private FaultLab lab;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    lab = new FaultLab(dir);
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    String[] withPort = new String[args.length + 2];
    System.arraycopy(args, 0, withPort, 0, args.length);
    withPort[args.length] = "--http-port";
    withPort[args.length + 1] = Integer.toString(lab.api().address().getPort());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main(() -> null))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(withPort);
    return new Run(code, out.toString(), err.toString());
  }

  private Run ok(String... args) {
    Run r = run(args);
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  private static void assertHas(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), () -> "expected " + p + " in\n" + text);
    }
  }

  @Test
  void stopQueueStartFlush_showTheDeferredMailAndDeliverIt() throws Exception {
    assertHas(ok("fault", "stop", "town-b").out(), "town-b を停止しました", "Stopped town-b");
    assertHas(ok("fault", "list").out(), "town-b は停止中", "town-b is stopped");
    String id = lab.send();
    lab.await(TraceType.DEFERRED, id, "city-a");

    Run queue = ok("queue", "city-a");
    assertHas(
        queue.out(),
        "キューID/queue id",
        "taro@city-a.lg.jp",
        "hanako@town-b.lg.jp",
        "保留/deferred",
        "mail.town-b.lg.jp",
        "1 通 / 1 message(s)");

    assertHas(ok("fault", "start", "town-b").out(), "town-b を起動しました", "Started town-b");
    assertHas(ok("flush", "city-a").out(), "1 通を再送します", "Retrying 1 deferred message(s) at city-a");
    lab.await(TraceType.DELIVERED, id, "town-b");
    assertEquals(1, lab.copiesAtTownB(id));
    assertHas(ok("fault", "list").out(), "有効な障害はありません / No active faults");
  }

  @Test
  void replyLatencyAndLinks_areSetListedAndCleared() {
    assertHas(
        ok("fault", "reply", "town-b", "--stage", "rcpt", "--code", "451", "--fraction", "0.5")
            .out(),
        "town-b は RCPT に 451",
        "town-b will answer RCPT with 451",
        "(50%)");
    assertHas(ok("fault", "latency", "town-b", "--ms", "20").out(), "20 ミリ秒", "20 ms");
    assertHas(
        ok("fault", "disconnect", "city-a", "lgwan").out(), "切り離しました", "Cut city-a off lgwan");
    assertHas(
        ok("fault", "list").out(),
        "town-b answers RCPT with 451",
        "town-b replies 20 ms late",
        "city-a is cut off lgwan");
    assertHas(ok("fault", "clear", "town-b").out(), "解除しました", "Cleared");
    assertHas(ok("fault", "connect", "city-a", "lgwan").out(), "再接続しました", "Reconnected city-a");
    assertHas(ok("fault", "list").out(), "No active faults");
  }

  @Test
  void dnsFaults_areChangedListedAndUndone() {
    assertHas(
        ok("fault", "dns-delete", "lgwan", "town-b.lg.jp", "MX").out(),
        "MXレコードを削除しました",
        "Removed the MX records of town-b.lg.jp.");
    assertHas(
        ok("fault", "dns-set", "lgwan", "mail.town-b.lg.jp", "A", "127.0.0.9").out(),
        "置き換えました",
        "127.0.0.9");
    assertHas(ok("fault", "list").out(), "lgwan DNS: town-b.lg.jp. MX was [", "now []");
    assertHas(ok("fault", "dns-revert", "lgwan").out(), "元に戻しました", "2 RRsets");
    assertHas(ok("fault", "dns-stop", "lgwan").out(), "停止しました", "time out");
    assertHas(ok("fault", "list").out(), "the lgwan DNS server is stopped");
    assertHas(ok("fault", "clear-all").out(), "すべての障害を解除しました", "Undid every fault");
    assertHas(ok("fault", "list").out(), "No active faults");
  }

  @Test
  void unknownNodeOrBadCode_failsWithBothLanguages() {
    Run unknown = run("fault", "stop", "nowhere");
    assertEquals(1, unknown.exitCode());
    assertHas(unknown.err(), "ノード nowhere はありません", "No node nowhere. The nodes are city-a, town-b");
    Run code = run("fault", "reply", "town-b", "--stage", "rcpt", "--code", "250");
    assertEquals(1, code.exitCode());
    assertHas(code.err(), "4xx か 5xx", "three-digit 4xx or 5xx");
    assertHas(ok("queue").out(), "キューは空です / Mail queue is empty");
  }
}
