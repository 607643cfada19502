package jp.lgwansim.sim.topology;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's {@code topologies/} folder whichever module folder the tests run in. */
final class ProjectFiles {

  private ProjectFiles() {}

  static Path topologies() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("topologies");
      if (Files.isDirectory(candidate) && Files.exists(dir.resolve("mvnw"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no topologies/ folder above " + Path.of("").toAbsolutePath());
  }
}
