package jp.lgwansim.relay.routing;

import java.net.InetAddress;

/**
 * One place to try: a host name, the address DNS gave for it, and the port.
 *
 * @param host the MX target or smarthost name
 * @param address its A record
 * @param port SMTP port
 * @param preference MX preference (0 for a smarthost or an implicit MX)
 */
public record NextHop(String host, InetAddress address, int port, int preference) {

  /** {@code host[ip]:port}, the form Postfix logs use and the trace shows. */
  @Override
  public String toString() {
    return host + "[" + address.getHostAddress() + "]:" + port;
  }
}
