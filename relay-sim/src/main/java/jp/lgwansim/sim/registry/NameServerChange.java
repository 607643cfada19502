package jp.lgwansim.sim.registry;

import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * The article's rules (§6, Tables 1 and 2) for a change of one of a domain's name servers: whether
 * a change application is needed, through whom, and why.
 *
 * <ul>
 *   <li>Host name changed (Table 1): always, through the domain's registrar, whatever the names
 *       contain: the registry lists NS by host name.
 *   <li>Address changed, host inside the domain (Table 2 ex. 1): yes, through the domain's
 *       registrar, because the registry holds that address as glue.
 *   <li>Address changed, host outside (Table 2 ex. 2): no; the registry holds no address for it.
 *   <li>...but when the host lies in another domain registered by the same registrant (Table 2 ex.
 *       3, dns.town.example.jp for TOWN.EXAMPLE.LG.JP), that domain's registrar must update the
 *       glue it registered.
 * </ul>
 */
public final class NameServerChange {

  /**
   * The verdict.
   *
   * @param applicationRequired whether the domain's registration must be changed through an
   *     application
   * @param via the registrar to apply through (null when none is needed)
   * @param otherRegistrarMustUpdate the registrar of another domain that must update its glue, with
   *     that domain (null when none)
   * @param reason why, in Japanese and English
   */
  public record Verdict(
      boolean applicationRequired,
      String via,
      String otherRegistrarMustUpdate,
      Bilingual reason,
      Optional<String> otherDomain) {}

  private NameServerChange() {}

  /** Table 1: the name server's host name changes (with or without a new address). */
  public static Verdict hostNameChange(
      Registry registry, String domain, String host, String newHost) {
    String registrar = registrarOf(registry, domain);
    return new Verdict(
        true,
        registrar,
        null,
        Bilingual.of(
            "ネームサーバのホスト名の変更 ("
                + host
                + " → "
                + newHost
                + ") は、IPアドレスの変更の有無や「LG.JP」を含むかどうかにかかわらず、"
                + registrar
                + " を通じた変更申請が必要です (表1)。レジストリはネームサーバをホスト名で登録しているためです",
            "Changing a name server's host name ("
                + host
                + " → "
                + newHost
                + ") always needs a change application through "
                + registrar
                + ", with or without a new address and whether or not the names contain LG.JP"
                + " (Table 1): the registry lists name servers by host name"),
        Optional.empty());
  }

  /** Table 2: only the name server's address changes. */
  public static Verdict addressChange(
      Registry registry, String domain, String host, String newAddress) {
    String registrar = registrarOf(registry, domain);
    if (Registrars.inside(host, domain)) {
      return new Verdict(
          true,
          registrar,
          null,
          Bilingual.of(
              host
                  + " は "
                  + domain
                  + " の中にあるため、レジストリにグルー (IPアドレス) が登録されています。"
                  + newAddress
                  + " への変更には "
                  + registrar
                  + " を通じた変更申請が必要です (表2 例1)",
              host
                  + " lies inside "
                  + domain
                  + ", so the registry holds its address as glue: moving it to "
                  + newAddress
                  + " needs a change application through "
                  + registrar
                  + " (Table 2 ex. 1)"),
          Optional.empty());
    }
    Optional<RegisteredDomain> holder = registry.domainHolding(host);
    Optional<RegisteredDomain> own = registry.domain(domain);
    if (holder.isPresent()
        && own.isPresent()
        && holder.get().registrant().equals(own.get().registrant())
        && holder.get().nameServers().stream()
            .anyMatch(
                ns -> ns.host().equals(Registrars.normalize(host)) && ns.glue().isPresent())) {
      RegisteredDomain other = holder.get();
      return new Verdict(
          false,
          null,
          other.registrar() + " (" + other.name() + ")",
          Bilingual.of(
              host
                  + " は "
                  + domain
                  + " の外なので "
                  + registrar
                  + " への申請は不要です。ただし同じ団体の "
                  + other.name()
                  + " にグルーとして登録されているため、"
                  + other.name()
                  + " の取扱事業者 ("
                  + other.registrar()
                  + ") を通じて "
                  + host
                  + " のIPアドレスを変更する必要があります (表2 例3 の注)",
              host
                  + " lies outside "
                  + domain
                  + ", so no application through "
                  + registrar
                  + " is needed; but it is registered as glue of "
                  + other.name()
                  + " (the same registrant), whose registrar ("
                  + other.registrar()
                  + ") must change the address of "
                  + host
                  + " (note to Table 2 ex. 3)"),
          Optional.of(other.name()));
    }
    return new Verdict(
        false,
        null,
        null,
        Bilingual.of(
            host
                + " は "
                + domain
                + " の外にあり、レジストリは "
                + domain
                + " についてそのIPアドレスを持っていないため、変更申請は不要です (表2 例2)。"
                + host
                + " の A レコードを管理する DNS で変更してください",
            host
                + " lies outside "
                + domain
                + " and the registry holds no address of it for "
                + domain
                + ": no application is needed (Table 2 ex. 2). Change its A record in the DNS"
                + " that serves it"),
        Optional.empty());
  }

  private static String registrarOf(Registry registry, String domain) {
    return registry
        .domain(domain)
        .map(RegisteredDomain::registrar)
        .orElse(Registrars.defaultFor(domain));
  }
}
