package jp.lgwansim.relay.support;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwansim.relay.net.Cidr;

/**
 * A fresh loopback /16 for each test, so tests never share an address with each other or with a
 * running simulation (which uses 127.10.0.0/16 and friends).
 */
public final class TestNet {
  private static final AtomicInteger NEXT = new AtomicInteger(100);

  private final int second;

  private TestNet(int second) {
    this.second = second;
  }

  public static TestNet fresh() {
    int n = NEXT.getAndIncrement();
    if (n > 250) {
      throw new IllegalStateException("out of test networks");
    }
    return new TestNet(n);
  }

  public Cidr cidr() {
    return Cidr.parse("127." + second + ".0.0/16");
  }

  /** {@code 127.<net>.<a>.<b>}. */
  public InetAddress address(int a, int b) {
    return Cidr.parseIpv4("127." + second + "." + a + "." + b);
  }
}
