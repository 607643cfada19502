package jp.lgwansim.sim.registry;

import java.net.InetAddress;
import java.util.List;

/**
 * An authoritative DNS server a municipality (or its provider) really runs on the Internet, serving
 * its own zones: what the registry's NS and glue should point at.
 *
 * @param host its host name, e.g. {@code ns.town-b.lg.jp}
 * @param address where it listens, on the registry's network (port: that network's DNS port)
 * @param zones the zones it serves, e.g. {@code [town-b.lg.jp]}
 */
public record NameServerSpec(String host, InetAddress address, List<String> zones) {
  public NameServerSpec {
    zones = List.copyOf(zones);
  }
}
