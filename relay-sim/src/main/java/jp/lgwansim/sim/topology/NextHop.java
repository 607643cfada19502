package jp.lgwansim.sim.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A next hop as Postfix writes it in relayhost and transport_maps: {@code host} (look up its MX,
 * then its address), {@code [host]} (its address only) and either with {@code :port}.
 *
 * @param host the host name, normalized
 * @param bracketed true for {@code [host]}: no MX lookup
 * @param port the port, when given
 */
record NextHop(String host, boolean bracketed, OptionalInt port) {

  /** Parses the text, or returns empty when it is none of the four forms. */
  static Optional<NextHop> parse(String text) {
    String rest = text.trim();
    OptionalInt port = OptionalInt.empty();
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && colon > rest.lastIndexOf(']')) {
      try {
        port = OptionalInt.of(Integer.parseInt(rest.substring(colon + 1)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      rest = rest.substring(0, colon);
    }
    boolean bracketed = rest.startsWith("[") && rest.endsWith("]");
    if (bracketed) {
      rest = rest.substring(1, rest.length() - 1);
    }
    if (!DnsNames.isHostName(rest)) {
      return Optional.empty();
    }
    return Optional.of(new NextHop(DnsNames.normalize(rest), bracketed, port));
  }
}
