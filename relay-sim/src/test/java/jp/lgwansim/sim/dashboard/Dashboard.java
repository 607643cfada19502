package jp.lgwansim.sim.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout's files are, whichever module folder the tests run in. */
final class Dashboard {
  private Dashboard() {}

  static Path checkout() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("topologies")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
  }
}
