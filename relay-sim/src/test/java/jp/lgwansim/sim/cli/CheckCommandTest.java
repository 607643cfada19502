package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lgwan-sim check TOPOLOGY} starts a private copy, prints the checklist, exits 0 or 1. */
class CheckCommandTest {
  @TempDir Path dir;

  private String[] run(Path file, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[extra.length + 2];
    args[0] = "check";
    args[1] = file.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    int code =
        new CommandLine(new Main(() -> null))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private Path dnsAdmin(String... replacements) throws Exception {
    String yaml =
        Files.readString(Path.of("..", "topologies", "dns-admin.yaml"))
            .replace("127.50.", "127.73.")
            .replace("127.51.", "127.74.");
    for (int i = 0; i < replacements.length; i += 2) {
      yaml = yaml.replace(replacements[i], replacements[i + 1]);
    }
    Path file = dir.resolve("dns-admin.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void check_healthyTopology_printsEveryItemOkAndExitsZero() throws Exception {
    String[] r = run(dnsAdmin());
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("[OK] town-b.lg.jp"), r[1]);
    assertTrue(r[1].contains("WHOIS"), r[1]);
    assertTrue(r[1].contains("all "), r[1]);
  }

  @Test
  void check_staleGlueInTheFile_failsWithTheFixAndExitsOne() throws Exception {
    // The registry's glue points where no server listens: the registration was never updated.
    String[] r = run(dnsAdmin("glue: 127.74.2.53", "glue: 127.74.2.99"), "--json");
    assertEquals("1", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("\"ok\":false"), r[1]);
    assertTrue(r[1].contains("J-LIS"), r[1]);
  }
}
