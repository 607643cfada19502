package jp.lgwansim.sim.topology;

import java.nio.file.Path;

/**
 * One thing wrong with a topology file: where it is, what is wrong and what to write instead, in
 * Japanese and English.
 *
 * @param file the topology file (or the zone file it includes) as the user named it
 * @param line 1-based line, 0 when the problem has no place in the file (e.g. it cannot be read)
 * @param column 1-based column, 0 when unknown
 * @param key the concrete key path, e.g. {@code nodes[2].delivery.smarthost}; empty for the file
 *     itself
 * @param messageJa what is wrong, in Japanese
 * @param messageEn what is wrong, in English
 * @param fixJa what to write instead, in Japanese
 * @param fixEn what to write instead, in English
 */
public record TopologyProblem(
    Path file,
    int line,
    int column,
    String key,
    String messageJa,
    String messageEn,
    String fixJa,
    String fixEn) {

  /**
   * Two lines for a terminal: the place and what is wrong, then how to fix it, indented so a list
   * of problems stays easy to scan.
   */
  @Override
  public String toString() {
    StringBuilder place = new StringBuilder(file.toString());
    if (line > 0) {
      place.append(':').append(line);
      if (column > 0) {
        place.append(':').append(column);
      }
    }
    place.append(": ");
    if (!key.isEmpty()) {
      place.append(key).append(": ");
    }
    return place
        + messageJa
        + " / "
        + messageEn
        + System.lineSeparator()
        + "    直し方: "
        + fixJa
        + " / Fix: "
        + fixEn;
  }
}
