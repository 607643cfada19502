package jp.lgwansim.sim.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.dns.DnsCompileException;
import jp.lgwansim.relay.dns.DnsServer;
import jp.lgwansim.relay.dns.DnsView;
import jp.lgwansim.relay.dns.DnsViewCompiler;
import jp.lgwansim.relay.dns.IterativeResolver;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.whois.JprsWhoisFormat;
import jp.lgwansim.sim.whois.WhoisServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * The registry side of a running simulation: the WHOIS server, the governments' own authoritative
 * DNS servers on the Internet, and the Internet resolver that reaches them only through the
 * registry's delegations (NS and glue in its root zone).
 *
 * <p>Start order keeps answers right at every moment: the authoritative servers first, then the
 * resolver is told to follow referrals (none exist yet, so nothing changes), then the delegations
 * are added; before that the Internet view answered from its own records, as it always did.
 *
 * <p>A name-server change ({@link #changeNameServer}) moves or renames the real server and its
 * zone's records at once; the registry and the delegations change only when the application is
 * filed, which is the whole lesson of Tables 1 and 2.
 */
public final class RegistryServices implements AutoCloseable {
  /** Per-server wait of the Internet resolver: below the nodes' 2 s stub timeout. */
  static final Duration RESOLVER_TIMEOUT = Duration.ofMillis(700);

  private static final long TTL = 300;

  private final Cluster cluster;
  private final Optional<DnsView> internet;
  private final int dnsPort;
  private final Map<String, RunningServer> servers = new LinkedHashMap<>();
  private volatile Registry registry;
  private WhoisServer whois;

  /** One authoritative server: its host name, view and socket (replaced when it moves). */
  private static final class RunningServer {
    String host;
    DnsView view;
    DnsServer server;

    RunningServer(String host, DnsView view, DnsServer server) {
      this.host = host;
      this.view = view;
      this.server = server;
    }
  }

  /** The outcome of {@link #changeNameServer}: the verdict and what was done. */
  public record Applied(NameServerChange.Verdict verdict, boolean filed, Bilingual done) {}

  private RegistryServices(
      Cluster cluster, Registry registry, Optional<DnsView> internet, int port) {
    this.cluster = cluster;
    this.registry = registry;
    this.internet = internet;
    this.dnsPort = port;
  }

  /**
   * Starts WHOIS, the authoritative servers and the delegation on a started cluster.
   *
   * @throws IOException when a listener cannot bind
   */
  public static RegistryServices start(Topology topology, Registry registry, Cluster cluster)
      throws IOException, DnsCompileException {
    Optional<NetworkSpec> network = registry.network().flatMap(topology::network);
    int port = network.flatMap(NetworkSpec::dns).map(NetworkSpec.DnsServerSpec::port).orElse(0);
    RegistryServices services =
        new RegistryServices(
            cluster, registry, network.flatMap(n -> cluster.dnsView(n.name())), port);
    try {
      services.whois =
          WhoisServer.start(registry.whois(), q -> JprsWhoisFormat.answer(services.registry, q));
      if (network.isPresent() && services.internet.isPresent()) {
        DnsView source = DnsViewCompiler.compile(topology).get(network.get().name());
        for (NameServerSpec spec : registry.servers()) {
          services.startServer(spec, source, registry.servers());
        }
        DnsView view = services.internet.get();
        InetAddress self = cluster.dnsAddresses().get(network.get().name()).getAddress();
        view.followReferrals(
            new IterativeResolver(
                view::answerAuthoritatively,
                port,
                self,
                RESOLVER_TIMEOUT,
                step -> services.traceStep(network.get().name(), step)));
        for (RegisteredDomain d : registry.domains()) {
          services.delegate(d, Optional.empty());
        }
      }
      return services;
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
  }

  public InetSocketAddress whoisEndpoint() {
    return whois.address();
  }

  /** The registry as it is now (filed changes included). */
  public Registry registry() {
    return registry;
  }

  /** The authoritative server of a host name, if the simulation runs one. */
  public Optional<InetSocketAddress> serverEndpoint(String host) {
    synchronized (servers) {
      return Optional.ofNullable(servers.get(Registrars.normalize(host)))
          .map(s -> s.server.address());
    }
  }

  /**
   * Performs a name-server change: the server itself at once; the registry (and so the parent
   * zone's delegation) only when {@code fileApplication}.
   *
   * @throws IllegalArgumentException for an unknown domain, a host that is not one of its name
   *     servers, or no server of that name running
   * @throws IOException when the server cannot listen at its new address
   */
  public Applied changeNameServer(
      String domain,
      String host,
      Optional<String> newHost,
      Optional<InetAddress> newAddress,
      boolean fileApplication)
      throws IOException {
    String d = Registrars.normalize(domain);
    String h = Registrars.normalize(host);
    synchronized (servers) {
      RegisteredDomain registered =
          registry
              .domain(d)
              .orElseThrow(() -> new IllegalArgumentException(d + " is not registered"));
      if (registered.nameServers().stream().noneMatch(ns -> ns.host().equals(h))) {
        throw new IllegalArgumentException(h + " is not a registered name server of " + d);
      }
      RunningServer running = servers.get(h);
      if (running == null) {
        throw new IllegalArgumentException("the simulation runs no DNS server named " + h);
      }
      NameServerChange.Verdict verdict =
          newHost.isPresent()
              ? NameServerChange.hostNameChange(registry, d, h, newHost.get())
              : NameServerChange.addressChange(
                  registry, d, h, newAddress.map(InetAddress::getHostAddress).orElse(""));
      InetAddress address = newAddress.orElse(running.server.address().getAddress());
      String target = newHost.map(Registrars::normalize).orElse(h);
      if (newAddress.isPresent()) {
        move(running, address);
      }
      if (newHost.isPresent()) {
        rename(running, h, target, address);
      } else {
        setAddress(running.view, h, address);
      }
      if (fileApplication) {
        file(d, h, target, address, verdict);
      }
      Bilingual done =
          fileApplication
              ? Bilingual.of(
                  h + " を変更し、申請を反映しました (レジストリとグルーを更新)",
                  "changed " + h + " and filed the application (registry and glue updated)")
              : Bilingual.of(
                  h + " を変更しました。申請はしていないので、レジストリは古い登録のままです",
                  "changed "
                      + h
                      + "; no application filed, so the registry keeps the old registration");
      return new Applied(verdict, fileApplication, done);
    }
  }

  private void file(
      String domain, String host, String target, InetAddress address, NameServerChange.Verdict v) {
    LocalDate today = LocalDate.now();
    List<RegisteredDomain> updated = new ArrayList<>();
    for (RegisteredDomain r : registry.domains()) {
      boolean own = r.name().equals(domain);
      boolean other = v.otherDomain().map(o -> o.equals(r.name())).orElse(false);
      if (!own && !other) {
        updated.add(r);
        continue;
      }
      List<RegisteredNameServer> ns = new ArrayList<>();
      for (RegisteredNameServer n : r.nameServers()) {
        if (n.host().equals(host)) {
          boolean glue = r.contains(target);
          ns.add(new RegisteredNameServer(target, glue ? Optional.of(address) : Optional.empty()));
        } else {
          ns.add(n);
        }
      }
      RegisteredDomain changed = r.withNameServers(ns, today);
      updated.add(changed);
      delegate(changed, Optional.of(host));
    }
    registry = new Registry(registry.network(), registry.whois(), updated, registry.servers());
  }

  // ---- authoritative servers ----

  private void startServer(NameServerSpec spec, DnsView source, List<NameServerSpec> all)
      throws IOException {
    List<Zone> zones = new ArrayList<>();
    for (String z : spec.zones()) {
      Name origin = name(z);
      List<Record> records = new ArrayList<>();
      records.add(
          new SOARecord(
              origin,
              DClass.IN,
              TTL,
              name(spec.host()),
              name("hostmaster." + z),
              1,
              3600,
              600,
              604800,
              60));
      for (NameServerSpec s : all) {
        if (s.zones().contains(z)) {
          records.add(new NSRecord(origin, DClass.IN, TTL, name(s.host())));
        }
      }
      for (NameServerSpec s : all) {
        if (Registrars.inside(s.host(), z)) {
          records.add(new ARecord(name(s.host()), DClass.IN, TTL, s.address()));
        }
      }
      for (Record r : source.recordsUnder(origin)) {
        boolean apexAuthority =
            r.getName().equals(origin) && (r.getType() == Type.SOA || r.getType() == Type.NS);
        boolean serverAddress =
            r.getType() == Type.A && all.stream().anyMatch(s -> name(s.host()).equals(r.getName()));
        if (!apexAuthority && !serverAddress) {
          records.add(r);
        }
      }
      zones.add(new Zone(origin, records.toArray(new Record[0])));
    }
    DnsView view = new DnsView("ns:" + spec.host(), zones);
    DnsServer server = new DnsServer(view, new InetSocketAddress(spec.address(), dnsPort));
    server.start();
    servers.put(spec.host(), new RunningServer(spec.host(), view, server));
  }

  private void move(RunningServer running, InetAddress address) throws IOException {
    DnsServer moved = new DnsServer(running.view, new InetSocketAddress(address, dnsPort));
    running.server.close();
    moved.start();
    running.server = moved;
  }

  private void rename(RunningServer running, String host, String target, InetAddress address) {
    for (Name origin : running.view.origins()) {
      List<Record> ns = new ArrayList<>();
      for (Record r : running.view.records(origin, Type.NS)) {
        Name t = ((NSRecord) r).getTarget();
        ns.add(new NSRecord(origin, DClass.IN, TTL, t.equals(name(host)) ? name(target) : t));
      }
      running.view.replaceRRset(origin, Type.NS, ns);
    }
    setAddress(running.view, target, address);
    servers.remove(host);
    running.host = target;
    servers.put(target, running);
  }

  /** Sets the A record of a host in every running zone that holds its name. */
  private void setAddress(DnsView changed, String host, InetAddress address) {
    Name n = name(host);
    for (RunningServer s : servers.values()) {
      if (s.view.zoneOf(n).isPresent()) {
        s.view.replaceRRset(n, Type.A, List.of(new ARecord(n, DClass.IN, TTL, address)));
      }
    }
    if (changed.zoneOf(n).isPresent()
        && servers.values().stream().noneMatch(s -> s.view == changed)) {
      changed.replaceRRset(n, Type.A, List.of(new ARecord(n, DClass.IN, TTL, address)));
    }
  }

  // ---- the parent zone ----

  /** Puts a domain's registered NS and glue into the Internet view's root zone. */
  private void delegate(RegisteredDomain d, Optional<String> oldHost) {
    if (internet.isEmpty() || d.nameServers().isEmpty()) {
      return;
    }
    DnsView view = internet.get();
    Name origin = name(d.name());
    oldHost.ifPresent(
        h -> {
          if (d.nameServers().stream().noneMatch(ns -> ns.host().equals(h))) {
            view.removeRRset(name(h), Type.A);
          }
        });
    List<Record> ns = new ArrayList<>();
    for (RegisteredNameServer n : d.nameServers()) {
      ns.add(new NSRecord(origin, DClass.IN, TTL, name(n.host())));
      n.glue()
          .ifPresent(
              g ->
                  view.replaceRRset(
                      name(n.host()),
                      Type.A,
                      List.of(new ARecord(name(n.host()), DClass.IN, TTL, g))));
    }
    view.replaceRRset(origin, Type.NS, ns);
  }

  private void traceStep(String network, IterativeResolver.Step step) {
    String where = step.server() + " (" + step.address().getAddress().getHostAddress() + ")";
    String what = step.name() + " " + step.typeName();
    Bilingual text;
    switch (step.outcome()) {
      case ANSWER:
        text =
            Bilingual.of(where + " の回答: " + step.detail(), where + " answered: " + step.detail());
        break;
      case REFERRAL:
        text = Bilingual.of(where + " から委任 " + step.detail(), where + " referred " + step.detail());
        break;
      case LAME:
        text =
            Bilingual.of(
                where + " は " + what + " に権威を持って答えません (lame delegation): " + step.detail(),
                where
                    + " does not answer "
                    + what
                    + " with authority (lame delegation): "
                    + step.detail());
        break;
      default:
        text =
            Bilingual.of(
                where + " から応答がありません (グルーが古い?): " + step.detail(),
                "no answer from " + where + " (stale glue?): " + step.detail());
    }
    cluster
        .trace()
        .publish(
            network,
            TraceType.DNS_ANSWER,
            "",
            "",
            Bilingual.of(
                network + "のリゾルバ: " + what + ": " + text.ja(),
                network + " resolver: " + what + ": " + text.en()),
            Map.of(
                "query", step.name().toString(),
                "qtype", step.typeName(),
                "view", network,
                "server",
                    step.address().getAddress().getHostAddress() + ":" + step.address().getPort(),
                "outcome", step.outcome().name().toLowerCase(java.util.Locale.ROOT),
                "answer", step.detail()));
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + text, e);
    }
  }

  @Override
  public void close() {
    internet.ifPresent(v -> v.followReferrals(null));
    if (whois != null) {
      whois.close();
    }
    synchronized (servers) {
      servers.values().forEach(s -> s.server.close());
      servers.clear();
    }
  }
}
