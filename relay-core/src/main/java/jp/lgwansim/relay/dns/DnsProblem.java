package jp.lgwansim.relay.dns;

import java.nio.file.Path;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * One mistake in the DNS part of a topology, small enough for the topology validator to turn into a
 * {@code file:line} error without knowing anything about DNS.
 *
 * @param zoneFile the zone file the line belongs to; empty when the line is in the topology file
 * @param line 1-based line in the topology file (a {@code RecordSpec.line()}) or in {@code
 *     zoneFile}; 0 when unknown
 * @param key what is wrong, named as the topology spells it: {@code records.name}, {@code
 *     records.type}, {@code records.data}, {@code records.views}, {@code zone-files.file}, {@code
 *     zone-files.origin}, {@code zone-files.views}, {@code nodes.hostname}, {@code networks.name}
 * @param message what happened, Japanese first
 * @param fix what to write instead, Japanese first
 */
public record DnsProblem(
    Optional<Path> zoneFile, int line, String key, Bilingual message, Bilingual fix) {

  static DnsProblem atLine(int line, String key, Bilingual message, Bilingual fix) {
    return new DnsProblem(Optional.empty(), line, key, message, fix);
  }

  /** One line for people: {@code line 12 (records.data): 日本語 / English — 直し方 / fix}. */
  @Override
  public String toString() {
    String where = zoneFile.map(f -> f + ":").orElse("line ") + line;
    return where + " (" + key + "): " + message + " — " + fix;
  }
}
