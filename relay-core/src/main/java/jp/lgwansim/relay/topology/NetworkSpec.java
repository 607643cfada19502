package jp.lgwansim.relay.topology;

import java.net.InetAddress;
import java.util.Optional;
import jp.lgwansim.relay.net.Cidr;

/**
 * One network: an address range on loopback, and optionally the DNS server of its view.
 *
 * @param name e.g. {@code lgwan}, {@code internet}
 * @param label a human name, e.g. {@code LGWAN} or {@code 政府共通ネットワーク} (may equal name)
 * @param cidr the range its nodes' addresses come from, inside 127.0.0.0/8
 * @param dns where this network's DNS view is served, if it has one
 * @param kind LAN, LGWAN, the government common network or the Internet
 */
public record NetworkSpec(
    String name, String label, Cidr cidr, Optional<DnsServerSpec> dns, NetworkKind kind) {

  /** A closed network of kind LGWAN. */
  public NetworkSpec(String name, String label, Cidr cidr, Optional<DnsServerSpec> dns) {
    this(name, label, cidr, dns, NetworkKind.LGWAN);
  }

  /**
   * The listening address of one DNS view.
   *
   * @param address an address inside the network's range
   * @param port UDP and TCP port, {@link Defaults#DNS_PORT} unless set
   */
  public record DnsServerSpec(InetAddress address, int port) {}
}
