package jp.lgwansim.sim.registry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The registry of a topology, defaults filled in: the registered domains, the authoritative servers
 * really running, the network where delegation happens and where WHOIS listens.
 *
 * @param network the network whose DNS resolves by following the registry's delegations (the
 *     Internet); empty when the topology has none, and then nothing is delegated
 * @param whois where the WHOIS server listens (RFC 3912)
 * @param domains every registered domain
 * @param servers the authoritative DNS servers on {@code network}
 */
public record Registry(
    Optional<String> network,
    InetSocketAddress whois,
    List<RegisteredDomain> domains,
    List<NameServerSpec> servers) {

  /** The default WHOIS port: 43 needs root, so the simulation uses 4343. */
  public static final int WHOIS_PORT = 4343;

  public Registry {
    domains = List.copyOf(domains);
    servers = List.copyOf(servers);
  }

  public Optional<RegisteredDomain> domain(String name) {
    return domains.stream().filter(d -> d.name().equals(Registrars.normalize(name))).findFirst();
  }

  /** The registered domain that holds {@code host} most closely (longest match), if any. */
  public Optional<RegisteredDomain> domainHolding(String host) {
    return domains.stream()
        .filter(d -> d.contains(host))
        .max(java.util.Comparator.comparingInt(d -> d.name().length()));
  }
}
