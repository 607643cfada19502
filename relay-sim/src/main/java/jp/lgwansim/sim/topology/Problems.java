package jp.lgwansim.sim.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The problems found in one topology file, and where each value of the file starts, so that a rule
 * that only sees the model (a duplicate address, say) can still name the line.
 */
final class Problems {

  private final Path file;
  private final List<TopologyProblem> found = new ArrayList<>();
  private final Map<String, Mark> places = new HashMap<>();

  Problems(Path file) {
    this.file = file;
  }

  /** Remembers where the value of {@code key} (a concrete path) starts. */
  void place(String key, Node value) {
    value.getStartMark().ifPresent(mark -> places.putIfAbsent(key, mark));
  }

  /** A problem at a node of the YAML tree. */
  void add(Node at, String key, Bilingual what, Bilingual fix) {
    add(at.getStartMark(), key, what, fix);
  }

  /**
   * A problem at the place remembered for {@code key}, or for its nearest enclosing key when the
   * key itself is absent (a missing key is reported where its mapping starts).
   */
  void add(String key, Bilingual what, Bilingual fix) {
    add(placeOf(key), key, what, fix);
  }

  /** A problem with no place in the file (it cannot be read at all). */
  void addUnplaced(Bilingual what, Bilingual fix) {
    found.add(new TopologyProblem(file, 0, 0, "", what.ja(), what.en(), fix.ja(), fix.en()));
  }

  void add(Optional<Mark> mark, String key, Bilingual what, Bilingual fix) {
    int line = mark.map(m -> m.getLine() + 1).orElse(0);
    int column = mark.map(m -> m.getColumn() + 1).orElse(0);
    found.add(
        new TopologyProblem(file, line, column, key, what.ja(), what.en(), fix.ja(), fix.en()));
  }

  /** The 1-based line of {@code key}'s value (or of its nearest enclosing key), 0 if unknown. */
  int lineOf(String key) {
    return placeOf(key).map(m -> m.getLine() + 1).orElse(0);
  }

  Optional<Mark> placeOf(String key) {
    String k = key;
    while (!k.isEmpty()) {
      Mark mark = places.get(k);
      if (mark != null) {
        return Optional.of(mark);
      }
      k = parentOf(k);
    }
    return Optional.ofNullable(places.get(""));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** In file order, so the list reads top to bottom like the file. */
  List<TopologyProblem> inFileOrder() {
    List<TopologyProblem> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt(TopologyProblem::line).thenComparingInt(TopologyProblem::column));
    return sorted;
  }

  /** {@code nodes[2].delivery} → {@code nodes[2]} → {@code nodes} → {@code ""}. */
  static String parentOf(String key) {
    // A bracketed segment may hold dots itself (transport[soumu.go.jp]), so cut at its bracket.
    int cut =
        key.endsWith("]")
            ? key.lastIndexOf('[')
            : Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    return cut <= 0 ? "" : key.substring(0, cut);
  }
}
