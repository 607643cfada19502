package jp.lgwansim.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.lgwansim.relay.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topologies/README.md} is the key reference users read: it must say what the loader
 * accepts. Run with {@code -Dregenerate=true} to rewrite it from {@link TopologyKeys}.
 */
class TopologyReferenceTest {

  private static final String REGENERATE =
      "./mvnw -q -B -pl relay-sim -am test -Dtest=TopologyReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dregenerate=true";

  @Test
  void readme_holdsTheReferenceGeneratedFromTopologyKeys() throws IOException {
    Path readme = ProjectFiles.topologies().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String expected = TopologyReference.updated(text);
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(readme, expected, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        expected,
        text,
        "topologies/README.md is stale: TopologyKeys changed. Regenerate it with: " + REGENERATE);
  }

  @Test
  void readmeExample_loadsAsItIs(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(ProjectFiles.topologies().resolve("README.md"), StandardCharsets.UTF_8);
    int start = text.indexOf("```yaml\n");
    assertTrue(start >= 0, "the README has a ```yaml example");
    String yaml = text.substring(start + 8, text.indexOf("```", start + 8));
    Path file = dir.resolve("example.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);

    Topology t = TopologyLoader.load(file);

    assertEquals("example", t.name());
    assertEquals(4, t.nodes().size());
    assertEquals("gss-gw", t.node("gss-gw").orElseThrow().label());
  }

  @Test
  void generate_listsEveryKeyWithItsDefault() {
    String table = TopologyReference.generate();

    for (TopologyKey key : TopologyKeys.all()) {
      assertTrue(table.contains("| `" + key.path() + "` |"), key.path());
      assertFalse(key.docJa().isBlank(), key.path());
      assertFalse(key.docEn().isBlank(), key.path());
    }
    assertTrue(table.contains("| `nodes[].smtp_port` | port | `2525` |"), table);
    assertTrue(table.contains("| `dns.records[].ttl` | seconds | `300s` |"), table);
    assertTrue(table.contains("| `nodes[].delivery.mode` | mode | `mx` |"), table);
  }
}
