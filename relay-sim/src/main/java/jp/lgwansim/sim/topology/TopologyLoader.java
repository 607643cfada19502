package jp.lgwansim.sim.topology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.registry.Registry;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads a topology file into the model, or fails with every problem in it.
 *
 * <p>Three passes, each reporting all it finds: YAML syntax (snakeyaml-engine composes a node tree
 * that keeps each value's line and column), then {@link TopologyReader} (keys, types and each
 * element on its own, against {@link TopologyKeys}), then {@link TopologyValidator} (how the
 * elements refer to each other). A later pass runs only on what the earlier one could read, so one
 * mistake does not echo as a cascade of others. Nothing is started here; a caller that gets a
 * {@link Topology} back knows the whole file is valid.
 */
public final class TopologyLoader {

  private TopologyLoader() {}

  /**
   * Reads and validates {@code file}.
   *
   * @throws TopologyException with every problem found, when the file cannot be run
   */
  public static Topology load(Path file) {
    return loadFile(file).topology();
  }

  /**
   * Reads and validates {@code file} with its registry section (defaults filled in).
   *
   * @throws TopologyException with every problem found, when the file cannot be run
   */
  public static TopologyFile loadFile(Path file) {
    Problems problems = new Problems(file);
    Optional<Node> root = compose(file, problems);
    if (root.isEmpty()) {
      if (problems.isEmpty()) {
        problems.addUnplaced(
            Bilingual.of("ファイルが空です", "the file is empty"),
            Bilingual.of(
                "topologies/README.md の例から始めてください",
                "start from the example in topologies/README.md"));
      }
      throw new TopologyException(problems.inFileOrder());
    }
    Path folder = file.toAbsolutePath().getParent();
    TopologyReader.Result read = new TopologyReader(folder, problems).read(root.get());
    new TopologyValidator(read, problems).validate();
    Registry registry = null;
    if (problems.isEmpty()) {
      // The registry's defaults and checks need valid networks and nodes.
      registry = new RegistryReader(problems, read.topology()).read(read.registry());
    }
    if (!problems.isEmpty()) {
      throw new TopologyException(problems.inFileOrder());
    }
    return new TopologyFile(read.topology(), registry);
  }

  /**
   * The registry a topology has when its file says nothing about one: every node domain registered,
   * nothing delegated unless a network named internet has a DNS.
   */
  public static Registry derivedRegistry(Topology topology) {
    Problems problems = new Problems(Path.of(topology.name() + ".yaml"));
    Registry registry = new RegistryReader(problems, topology).read(Optional.empty());
    if (!problems.isEmpty()) {
      throw new TopologyException(problems.inFileOrder());
    }
    return registry;
  }

  private static Optional<Node> compose(Path file, Problems problems) {
    // Core schema: YAML 1.2's own resolution (true/false, ints, null), no YAML 1.1 surprises
    // such as "no" becoming false.
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file.toString())
            .setSchema(new CoreSchema())
            .setAllowRecursiveKeys(false)
            .build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Compose(settings).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
      problems.add(
          e.getProblemMark().or(e::getContextMark),
          "",
          Bilingual.of("YAML の構文エラー: " + problem, "YAML syntax error: " + problem),
          Bilingual.of(
              "この行とその前の行の字下げ、引用符、コロンの後の空白を確かめてください",
              "check the indentation, the quotes and the space after each colon on this line and"
                  + " the one before"));
    } catch (YamlEngineException e) {
      problems.addUnplaced(
          Bilingual.of(
              "YAML として読めません: " + e.getMessage(), "not readable as YAML: " + e.getMessage()),
          Bilingual.of("UTF-8 の YAML ファイルにしてください", "save it as a UTF-8 YAML file"));
    } catch (CharacterCodingException e) {
      problems.addUnplaced(
          Bilingual.of("UTF-8 として読めません", "the file is not UTF-8"),
          Bilingual.of("UTF-8 で保存し直してください", "save it again as UTF-8"));
    } catch (IOException e) {
      problems.addUnplaced(
          Bilingual.of("ファイルを読めません: " + e, "cannot read the file: " + e),
          Bilingual.of(
              "パスと読み取り権限を確かめてください (例: topologies/figure1-mx.yaml)",
              "check the path and the read permission (e.g. topologies/figure1-mx.yaml)"));
    }
    return Optional.empty();
  }
}
