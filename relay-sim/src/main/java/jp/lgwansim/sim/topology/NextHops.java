package jp.lgwansim.sim.topology;

import java.util.Optional;
import jp.lgwansim.relay.routing.NextHopSpec;

/**
 * Reads a smarthost or transport next hop with the router's own parser, so the file is checked by
 * exactly the rules the running node follows, plus a host-name syntax check.
 */
final class NextHops {
  private NextHops() {}

  /** The next hop, or empty when the text is none of Postfix's four forms or the host is bad. */
  static Optional<NextHopSpec> parse(String text) {
    try {
      NextHopSpec spec = NextHopSpec.parse(text);
      return DnsNames.isHostName(spec.host())
          ? Optional.of(
              new NextHopSpec(DnsNames.normalize(spec.host()), spec.bracketed(), spec.port()))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
