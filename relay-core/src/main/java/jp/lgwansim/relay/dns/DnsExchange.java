package jp.lgwansim.relay.dns;

import java.net.InetSocketAddress;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One question a {@link DnsServer} answered, as seen from the server: lets the simulation trace who
 * asked which view what, even when the client is {@code dig} rather than a node.
 *
 * @param view the name of the view that answered (a network name)
 * @param client where the question came from
 * @param transport UDP or TCP
 * @param name the question name; {@link Name#empty} when the query was too broken to have one
 * @param type the question type ({@link Type}); 0 when there was no question
 * @param rcode the response code sent ({@link Rcode}, extended codes included)
 * @param truncated whether the answer did not fit and carries the TC flag (the client retries on
 *     TCP)
 */
public record DnsExchange(
    String view,
    InetSocketAddress client,
    Transport transport,
    Name name,
    int type,
    int rcode,
    boolean truncated) {

  /** How the question arrived. */
  public enum Transport {
    UDP,
    TCP
  }

  /** The type as people write it, e.g. {@code MX}. */
  public String typeName() {
    return Type.string(type);
  }

  /** The response code as dig prints it, e.g. {@code NXDOMAIN}. */
  public String rcodeName() {
    return Rcode.string(rcode);
  }
}
