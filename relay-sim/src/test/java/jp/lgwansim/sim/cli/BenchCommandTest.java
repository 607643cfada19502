package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench runs end to end and reports both runs and their ratio (its figures are not judged). */
class BenchCommandTest {
  @Test
  void bench_smallRun_reportsBothRunsAndTheRatio() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .execute("bench", "--messages", "40", "--clients", "2");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("fsync あり / durable spool (fsync)"), text);
    assertTrue(text.contains("fsync なし / fsync off"), text);
    assertTrue(text.matches("(?s).*比 / ratio: fsync あり ÷ なし = \\d+\\.\\d\\d.*"), text);
  }
}
