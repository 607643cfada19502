package jp.lgwansim.sim.topology;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.registry.NameServerSpec;
import jp.lgwansim.sim.registry.RegisteredDomain;
import jp.lgwansim.sim.registry.RegisteredNameServer;
import jp.lgwansim.sim.registry.Registrars;
import jp.lgwansim.sim.registry.Registry;
import jp.lgwansim.sim.topology.YamlMapping.Item;

/**
 * Reads the {@code registry} section and fills in what it leaves out, so a topology without one
 * still has a registry: every node domain registered (J-LIS for LG.JP), name servers taken from the
 * servers that serve each zone, glue from their addresses, WHOIS on a free address. Runs after the
 * rest of the file is read, because its defaults and checks need the networks and nodes.
 */
final class RegistryReader {
  private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
  private static final String DEFAULT_NETWORK = "internet";

  private final Problems problems;
  private final Topology topology;

  RegistryReader(Problems problems, Topology topology) {
    this.problems = problems;
    this.topology = topology;
  }

  /** A raw domain entry before defaults; fields empty when the file leaves them out. */
  private record DomainEntry(
      String path,
      String name,
      Optional<String> registrant,
      Optional<String> registrar,
      Optional<List<NsEntry>> nameServers,
      LocalDate created,
      Optional<LocalDate> updated) {}

  private record NsEntry(String path, String host, Optional<InetAddress> glue) {}

  Registry read(Optional<YamlMapping> section) {
    Optional<String> networkName = Optional.empty();
    Optional<InetAddress> whoisAddress = Optional.empty();
    int whoisPort = Registry.WHOIS_PORT;
    List<DomainEntry> domains = new ArrayList<>();
    List<NameServerSpec> servers = new ArrayList<>();
    Map<String, String> serverPaths = new LinkedHashMap<>();
    String networkKey = "registry.network";
    if (section.isPresent()) {
      YamlMapping m = section.get();
      networkKey = m.pathOf(TopologyKeys.REGISTRY_NETWORK);
      networkName = m.text(TopologyKeys.REGISTRY_NETWORK);
      Optional<YamlMapping> whois = m.mapping(TopologyKeys.REGISTRY_WHOIS);
      if (whois.isPresent()) {
        whoisAddress =
            whois
                .get()
                .text(TopologyKeys.REGISTRY_WHOIS_ADDRESS)
                .flatMap(t -> ipv4(whois.get().pathOf(TopologyKeys.REGISTRY_WHOIS_ADDRESS), t));
        whoisPort =
            whois
                .get()
                .number(TopologyKeys.REGISTRY_WHOIS_PORT, 1, 65535)
                .map(Long::intValue)
                .orElse(whoisPort);
      }
      for (Item item : m.list(TopologyKeys.REGISTRY_DOMAINS).orElse(List.of())) {
        domain(item).ifPresent(domains::add);
      }
      for (Item item : m.list(TopologyKeys.REGISTRY_SERVERS).orElse(List.of())) {
        server(item)
            .ifPresent(
                s -> {
                  servers.add(s);
                  serverPaths.put(s.host(), item.path());
                });
      }
    }
    Optional<NetworkSpec> network = network(networkName, networkKey);
    checkServers(servers, serverPaths, network);
    InetSocketAddress whois =
        new InetSocketAddress(
            whoisAddress.orElseGet(() -> freeAddress(network, servers)), whoisPort);
    return new Registry(
        network.map(NetworkSpec::name), whois, resolveDomains(domains, servers), servers);
  }

  // --- defaults -----------------------------------------------------------------------------

  private Optional<NetworkSpec> network(Optional<String> name, String key) {
    if (name.isPresent()) {
      Optional<NetworkSpec> found = topology.network(name.get());
      if (found.isEmpty() || found.get().dns().isEmpty()) {
        problems.add(
            key,
            Bilingual.of(
                "ネットワーク " + name.get() + " がないか、dns がありません",
                "there is no network " + name.get() + " with a dns server"),
            Bilingual.of(
                "dns を持つネットワークの名前を書いてください (例: internet)",
                "name a network that has a dns entry (e.g. internet)"));
      }
      return found;
    }
    return topology.network(DEFAULT_NETWORK).filter(n -> n.dns().isPresent());
  }

  private List<RegisteredDomain> resolveDomains(
      List<DomainEntry> entries, List<NameServerSpec> servers) {
    Map<String, DomainEntry> byName = new LinkedHashMap<>();
    for (DomainEntry e : entries) {
      if (byName.putIfAbsent(e.name(), e) != null) {
        problems.add(
            e.path() + ".name",
            Bilingual.of("ドメイン " + e.name() + " が二度登録されています", e.name() + " is registered twice"),
            Bilingual.of("一つにまとめてください", "keep one entry"));
      }
    }
    for (NodeSpec node : topology.nodes()) {
      for (String d : node.domains()) {
        byName.putIfAbsent(
            d,
            new DomainEntry(
                "registry.domains",
                d,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                LocalDate.parse(TopologyKeys.DOMAIN_CREATED.defaultString()),
                Optional.empty()));
      }
    }
    List<RegisteredDomain> domains = new ArrayList<>();
    for (DomainEntry e : byName.values()) {
      List<RegisteredNameServer> ns = new ArrayList<>();
      if (e.nameServers().isPresent()) {
        for (NsEntry n : e.nameServers().get()) {
          Optional<InetAddress> glue = n.glue();
          boolean inside = Registrars.inside(n.host(), e.name());
          if (glue.isEmpty() && inside) {
            glue = serverAddress(servers, n.host());
            if (glue.isEmpty()) {
              problems.add(
                  n.path(),
                  Bilingual.of(
                      n.host() + " は " + e.name() + " の中にあるので、グルー (IPアドレス) の登録が必要です",
                      n.host()
                          + " lies inside "
                          + e.name()
                          + ", so its glue address must be registered"),
                  Bilingual.of(
                      "glue: にアドレスを書くか、registry.servers にこのホストを書いてください",
                      "add glue: with its address, or list this host in registry.servers"));
            }
          }
          ns.add(new RegisteredNameServer(n.host(), glue));
        }
      } else {
        for (NameServerSpec s : servers) {
          if (s.zones().contains(e.name())) {
            ns.add(
                new RegisteredNameServer(
                    s.host(),
                    Registrars.inside(s.host(), e.name())
                        ? Optional.of(s.address())
                        : Optional.empty()));
          }
        }
      }
      domains.add(
          new RegisteredDomain(
              e.name(),
              e.registrant().orElseGet(() -> registrantOf(e.name())),
              e.registrar().orElse(Registrars.defaultFor(e.name())),
              ns,
              e.created(),
              e.updated().orElse(e.created())));
    }
    return domains;
  }

  private String registrantOf(String domain) {
    return topology.nodes().stream()
        .filter(n -> n.domains().contains(domain))
        .map(NodeSpec::label)
        .findFirst()
        .orElse(domain);
  }

  private static Optional<InetAddress> serverAddress(List<NameServerSpec> servers, String host) {
    return servers.stream()
        .filter(s -> s.host().equals(host))
        .map(NameServerSpec::address)
        .findFirst();
  }

  /** The first address from .0.43 of the registry network (else the first network) nobody uses. */
  private InetAddress freeAddress(Optional<NetworkSpec> network, List<NameServerSpec> servers) {
    Cidr range = network.orElse(topology.networks().get(0)).cidr();
    Set<String> used = new HashSet<>();
    topology
        .networks()
        .forEach(n -> n.dns().ifPresent(d -> used.add(d.address().getHostAddress())));
    topology
        .nodes()
        .forEach(n -> n.addresses().values().forEach(a -> used.add(a.getHostAddress())));
    servers.forEach(s -> used.add(s.address().getHostAddress()));
    for (int host = 43; ; host++) {
      String candidate = TopologyReader.example(range, host);
      if (!used.contains(candidate)) {
        return Cidr.parseIpv4(candidate);
      }
    }
  }

  private void checkServers(
      List<NameServerSpec> servers, Map<String, String> paths, Optional<NetworkSpec> network) {
    Set<String> used = new HashSet<>();
    topology
        .networks()
        .forEach(n -> n.dns().ifPresent(d -> used.add(d.address().getHostAddress())));
    topology
        .nodes()
        .forEach(n -> n.addresses().values().forEach(a -> used.add(a.getHostAddress())));
    for (NameServerSpec s : servers) {
      String key = paths.get(s.host()) + ".address";
      if (network.isEmpty()) {
        problems.add(
            key,
            Bilingual.of(
                "権威DNSサーバを置くネットワーク (registry.network) がありません",
                "there is no network (registry.network) to run authoritative servers on"),
            Bilingual.of(
                "dns を持つ internet ネットワークを作るか、registry.network を書いてください",
                "add an internet network with dns, or set registry.network"));
        continue;
      }
      if (!network.get().cidr().contains(s.address())) {
        problems.add(
            key,
            Bilingual.of(
                s.address().getHostAddress()
                    + " は "
                    + network.get().name()
                    + " の範囲 "
                    + network.get().cidr()
                    + " の外です",
                s.address().getHostAddress()
                    + " is outside "
                    + network.get().name()
                    + "'s range "
                    + network.get().cidr()),
            Bilingual.of(
                network.get().cidr() + " の中のアドレスを書いてください",
                "write an address inside " + network.get().cidr()));
      }
      if (!used.add(s.address().getHostAddress())) {
        problems.add(
            key,
            Bilingual.of(
                s.address().getHostAddress() + " は他で使われています",
                s.address().getHostAddress() + " is used by something else"),
            Bilingual.of("別のアドレスにしてください", "use another address"));
      }
    }
  }

  // --- elements -----------------------------------------------------------------------------

  private Optional<DomainEntry> domain(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<String> name =
        m.text(TopologyKeys.DOMAIN_NAME).flatMap(t -> host(m.pathOf(TopologyKeys.DOMAIN_NAME), t));
    Optional<String> registrant = m.text(TopologyKeys.DOMAIN_REGISTRANT);
    Optional<String> registrar = m.text(TopologyKeys.DOMAIN_REGISTRAR);
    Optional<List<NsEntry>> ns = Optional.empty();
    Optional<List<Item>> nsItems = m.list(TopologyKeys.DOMAIN_NAME_SERVERS);
    if (nsItems.isPresent()) {
      List<NsEntry> list = new ArrayList<>();
      for (Item n : nsItems.get()) {
        YamlMapping.of(n, problems)
            .ifPresent(
                nm -> {
                  Optional<String> host =
                      nm.text(TopologyKeys.DOMAIN_NS_HOST)
                          .flatMap(t -> host(nm.pathOf(TopologyKeys.DOMAIN_NS_HOST), t));
                  Optional<InetAddress> glue =
                      nm.text(TopologyKeys.DOMAIN_NS_GLUE)
                          .flatMap(t -> ipv4(nm.pathOf(TopologyKeys.DOMAIN_NS_GLUE), t));
                  host.ifPresent(h -> list.add(new NsEntry(n.path(), h, glue)));
                });
      }
      ns = Optional.of(list);
    }
    LocalDate created =
        m.text(TopologyKeys.DOMAIN_CREATED)
            .flatMap(t -> date(m.pathOf(TopologyKeys.DOMAIN_CREATED), t))
            .orElse(LocalDate.parse(TopologyKeys.DOMAIN_CREATED.defaultString()));
    Optional<LocalDate> updated =
        m.text(TopologyKeys.DOMAIN_UPDATED)
            .flatMap(t -> date(m.pathOf(TopologyKeys.DOMAIN_UPDATED), t));
    Optional<List<NsEntry>> servers = ns;
    return name.map(
        n -> new DomainEntry(item.path(), n, registrant, registrar, servers, created, updated));
  }

  private Optional<NameServerSpec> server(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<String> host =
        m.text(TopologyKeys.SERVER_HOST).flatMap(t -> host(m.pathOf(TopologyKeys.SERVER_HOST), t));
    Optional<InetAddress> address =
        m.text(TopologyKeys.SERVER_ADDRESS)
            .flatMap(t -> ipv4(m.pathOf(TopologyKeys.SERVER_ADDRESS), t));
    List<String> zones = new ArrayList<>();
    for (Item z : m.list(TopologyKeys.SERVER_ZONES).orElse(List.of())) {
      YamlMapping.scalar(z, KeyType.DNS_NAME, problems)
          .flatMap(t -> host(z.path(), t))
          .ifPresent(zones::add);
    }
    if (host.isEmpty() || address.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NameServerSpec(host.get(), address.get(), zones));
  }

  // --- values -------------------------------------------------------------------------------

  private Optional<String> host(String key, String text) {
    if (DnsNames.isHostName(text)) {
      return Optional.of(DnsNames.normalize(text));
    }
    problems.add(
        key,
        Bilingual.of("「" + text + "」は正しい DNS 名ではありません", "'" + text + "' is not a valid DNS name"),
        Bilingual.of("例: ns.town-b.lg.jp のように書いてください", "write e.g. ns.town-b.lg.jp"));
    return Optional.empty();
  }

  private Optional<LocalDate> date(String key, String text) {
    try {
      return Optional.of(LocalDate.parse(text.trim()));
    } catch (DateTimeParseException e) {
      problems.add(
          key,
          Bilingual.of("「" + text + "」は日付ではありません", "'" + text + "' is not a date"),
          Bilingual.of(
              "YYYY-MM-DD で書いてください (例: 2004-04-01)", "write YYYY-MM-DD (e.g. 2004-04-01)"));
      return Optional.empty();
    }
  }

  private Optional<InetAddress> ipv4(String key, String text) {
    try {
      InetAddress a = Cidr.parseIpv4(text.trim());
      if (LOOPBACK.contains(a)) {
        return Optional.of(a);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    problems.add(
        key,
        Bilingual.of(
            "「" + text + "」は 127.0.0.0/8 の IPv4 アドレスではありません",
            "'" + text + "' is not an IPv4 address inside 127.0.0.0/8"),
        Bilingual.of("a.b.c.d の形で書いてください (例: 127.20.2.53)", "write a.b.c.d (e.g. 127.20.2.53)"));
    return Optional.empty();
  }
}
