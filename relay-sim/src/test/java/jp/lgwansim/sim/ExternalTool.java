package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client from Debian's packages (swaks, dig, curl), as a user would. A test that needs
 * one is skipped where it is not installed; CI installs them all (.ci/run).
 */
final class ExternalTool {
  /** What the command printed (stdout and stderr together) and how it ended. */
  record Result(int exitCode, String output) {}

  private ExternalTool() {}

  static void assumeInstalled(String command) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        found = true;
        break;
      }
    }
    assumeTrue(found, command + " is not installed (apt-get install it; .ci/run does)");
  }

  static Result run(String... command) throws IOException, InterruptedException {
    assumeInstalled(command[0]);
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
