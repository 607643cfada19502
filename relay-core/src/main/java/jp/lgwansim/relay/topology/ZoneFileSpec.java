package jp.lgwansim.relay.topology;

import java.nio.file.Path;
import java.util.List;

/**
 * A BIND zone file included in the DNS views.
 *
 * @param file resolved against the topology file's folder
 * @param origin the zone's origin, without the trailing dot
 * @param views network names whose view holds it; empty = every view
 */
public record ZoneFileSpec(Path file, String origin, List<String> views) {
  public ZoneFileSpec {
    views = List.copyOf(views);
  }
}
