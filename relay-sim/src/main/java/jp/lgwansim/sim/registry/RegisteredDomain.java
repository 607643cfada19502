package jp.lgwansim.sim.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * One domain as the registry (JPRS) holds it.
 *
 * @param name e.g. {@code town-b.lg.jp}
 * @param registrant the organization that registered it, e.g. {@code B町}
 * @param registrar who passes its applications to JPRS: J-LIS for LG.JP, an accredited registrar
 *     for other .jp domains
 * @param nameServers the registered name servers, in order
 * @param created registration date
 * @param updated date of the last change
 */
public record RegisteredDomain(
    String name,
    String registrant,
    String registrar,
    List<RegisteredNameServer> nameServers,
    LocalDate created,
    LocalDate updated) {

  public RegisteredDomain {
    nameServers = List.copyOf(nameServers);
  }

  public RegisteredDomain withNameServers(List<RegisteredNameServer> servers, LocalDate date) {
    return new RegisteredDomain(name, registrant, registrar, servers, created, date);
  }

  /** True when {@code host} is the domain itself or a name below it (in bailiwick). */
  public boolean contains(String host) {
    return Registrars.inside(host, name);
  }
}
