package jp.lgwansim.relay.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code dig} (Debian package dnsutils) against our server: what a trainee types, so what
 * a trainee sees. Skipped where dig is not installed; CI installs it.
 */
class DigAgainstDnsServerTest {
  private DnsServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(onPath("dig"), "dig is not installed (apt-get install dnsutils)");
    server =
        new DnsServer(
            DnsViewCompiler.compile(TestTopologies.figure1(List.of())).get("lgwan"),
            DnsTestClient.loopbackAnyPort());
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void digMx_showsAuthoritativeMxAndItsAddress() throws Exception {
    String out = dig("MX", "town-b.lg.jp");

    assertTrue(out.contains("status: NOERROR"), out);
    assertTrue(out.contains("flags: qr aa"), out);
    assertTrue(
        Pattern.compile(
                "(?m)^town-b\\.lg\\.jp\\.\\s+300\\s+IN\\s+MX\\s+10 mail\\.town-b\\.lg\\.jp\\.$")
            .matcher(out)
            .find(),
        out);
    assertTrue(
        Pattern.compile("(?m)^mail\\.town-b\\.lg\\.jp\\.\\s+300\\s+IN\\s+A\\s+127\\.10\\.2\\.1$")
            .matcher(out)
            .find(),
        "address in ADDITIONAL: " + out);
  }

  @Test
  void digUnknownName_showsNxdomainWithSoa() throws Exception {
    String out = dig("A", "nosuch.lg.jp");

    assertTrue(out.contains("status: NXDOMAIN"), out);
    assertTrue(out.contains("flags: qr aa"), out);
    assertTrue(
        Pattern.compile(
                "(?m)^\\.\\s+60\\s+IN\\s+SOA\\s+ns\\.lgwan\\.sim\\. hostmaster\\.lgwan\\.sim\\.")
            .matcher(out)
            .find(),
        out);
  }

  private String dig(String type, String name) throws Exception {
    Process process =
        new ProcessBuilder(
                "dig",
                "@127.0.0.1",
                "-p",
                String.valueOf(server.port()),
                type,
                name,
                "+time=3",
                "+tries=1")
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "dig finished");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
