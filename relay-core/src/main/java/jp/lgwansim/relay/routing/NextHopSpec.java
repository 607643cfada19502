package jp.lgwansim.relay.routing;

import jp.lgwansim.relay.topology.Defaults;

/**
 * A next hop as written in a topology (Postfix relayhost / transport syntax): {@code host} (look up
 * the host's MX, then its A), {@code [host]} (its A only, no MX lookup), either with {@code :port}.
 *
 * @param host the name, without brackets
 * @param bracketed true for {@code [host]}: no MX lookup
 * @param port the SMTP port to connect to
 */
public record NextHopSpec(String host, boolean bracketed, int port) {

  /**
   * Parses the syntax above; the port defaults to {@link Defaults#SMTP_PORT}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static NextHopSpec parse(String text) {
    String t = text.trim();
    int port = Defaults.SMTP_PORT;
    int colon = t.lastIndexOf(':');
    if (colon > t.lastIndexOf(']')) {
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port is not a number in '" + text + "'", e);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range 1..65535 in '" + text + "'");
      }
      t = t.substring(0, colon);
    }
    boolean bracketed = t.startsWith("[") && t.endsWith("]");
    if (bracketed) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty() || t.contains("[") || t.contains("]")) {
      throw new IllegalArgumentException(
          "expected host, [host], host:port or [host]:port: " + text);
    }
    return new NextHopSpec(t.toLowerCase(java.util.Locale.ROOT), bracketed, port);
  }

  @Override
  public String toString() {
    String h = bracketed ? "[" + host + "]" : host;
    return port == Defaults.SMTP_PORT ? h : h + ":" + port;
  }
}
