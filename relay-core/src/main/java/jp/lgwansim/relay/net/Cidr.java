package jp.lgwansim.relay.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address range such as {@code 127.10.0.0/16}.
 *
 * @param base the first address of the range (host bits zero)
 * @param prefixLength 0 to 32
 */
public record Cidr(Inet4Address base, int prefixLength) {

  public Cidr {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0..32: " + prefixLength);
    }
    if ((toInt(base) & ~mask(prefixLength)) != 0) {
      throw new IllegalArgumentException(
          base.getHostAddress() + "/" + prefixLength + " has host bits set");
    }
  }

  /**
   * Parses {@code a.b.c.d/n}. A literal only: no name is ever resolved.
   *
   * @throws IllegalArgumentException with the reason, if the text is not such a range
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("expected a.b.c.d/n: " + text);
    }
    Inet4Address base = parseIpv4(text.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("prefix length is not a number: " + text, e);
    }
    return new Cidr(base, prefix);
  }

  /** Parses a dotted IPv4 literal without any name lookup. */
  public static Inet4Address parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v;
      try {
        v = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + text, e);
      }
      if (v < 0 || v > 255 || parts[i].isEmpty()) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      bytes[i] = (byte) v;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  public boolean contains(InetAddress address) {
    if (!(address instanceof Inet4Address v4)) {
      return false;
    }
    int m = mask(prefixLength);
    return (toInt(v4) & m) == (toInt(base) & m);
  }

  /** True when the two ranges share at least one address. */
  public boolean overlaps(Cidr other) {
    int m = mask(Math.min(prefixLength, other.prefixLength));
    return (toInt(base) & m) == (toInt(other.base) & m);
  }

  @Override
  public String toString() {
    return base.getHostAddress() + "/" + prefixLength;
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  private static int toInt(Inet4Address a) {
    byte[] b = a.getAddress();
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }
}
