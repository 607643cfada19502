package jp.lgwansim.relay.topology;

import java.util.List;

/**
 * An explicit DNS record of the topology.
 *
 * @param name owner name, absolute, without the trailing dot (e.g. {@code town-b.lg.jp})
 * @param type record type: A, MX, NS, SOA, CNAME or TXT
 * @param data the record data in zone-file syntax (e.g. {@code 10 relay1.lgwan.jp.})
 * @param ttlSeconds time to live
 * @param views network names whose DNS view holds it; empty = every view
 * @param line the line of the topology file it came from, for error messages (0 if unknown)
 */
public record RecordSpec(
    String name, String type, String data, long ttlSeconds, List<String> views, int line) {
  public RecordSpec {
    views = List.copyOf(views);
  }
}
