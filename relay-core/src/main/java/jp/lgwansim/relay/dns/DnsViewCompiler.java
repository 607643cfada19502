package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.topology.ZoneFileSpec;
import jp.lgwansim.relay.trace.Bilingual;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Builds the DNS views of a topology: one {@link DnsView} per network that has a {@code dns}
 * server, holding what that network's DNS would say. This is where "the simulation routes by the
 * same records dig shows" is made true: both read the views built here.
 *
 * <p><b>Zones.</b> Nobody can tell from a topology where one registrable domain ends (is {@code
 * lg.jp} a zone? {@code town-b.lg.jp}?), and a simulated network has no root servers to delegate
 * from. So each view serves one <em>root zone</em> {@code .} that holds every record of the view,
 * with the view's own SOA and NS: {@code . SOA ns.<network>.sim. hostmaster.<network>.sim.} and
 * {@code . NS ns.<network>.sim.}, plus {@code ns.<network>.sim. A} the address of the view's DNS
 * server ({@code NetworkSpec.dns().address()}), so the NS and SOA names resolve like real ones. The
 * {@code .sim} top-level name is not delegated on the Internet, so it cannot be mistaken for a real
 * server. Every NXDOMAIN and NODATA answer carries that SOA, with AA.
 *
 * <p>A zone file ({@code ZoneFileSpec}) brings its own zone with its own SOA and NS; it is served
 * beside the root zone, and names under its origin are answered from it (longest origin wins).
 * Derived and explicit records whose name falls under a zone file's origin are placed in that zone.
 * A zone file for {@code .} replaces the generated root zone of its views.
 *
 * <p><b>Records</b>, in rising precedence (a later layer replaces the whole RRset of the same name
 * and type in that view):
 *
 * <ol>
 *   <li>derived: for every node attached to the network, {@code hostname A address-on-network}; for
 *       every domain such a node is final for, {@code domain MX} {@link Defaults#MX_PREFERENCE}
 *       {@code hostname.} (two nodes final for one domain give two MX records);
 *   <li>zone files and the generated SOA, NS and name-server address: a derived RRset whose name
 *       and type the file already has is left out;
 *   <li>explicit {@code records} of the topology (all records of one name and type form one RRset),
 *       so {@code town-b.lg.jp MX 10 relay.lgwan.jp.} replaces the derived MX of town-b.lg.jp.
 * </ol>
 *
 * All derived and explicit records get {@link Defaults#DNS_TTL_SECONDS} unless they say otherwise.
 *
 * <p><b>Errors</b> are collected, not thrown one by one: unparsable names, types or data, a view
 * that is not a network with DNS, an SOA away from a zone apex, a CNAME beside other records of its
 * name (RFC 1034 §3.6.2), an MX target that is an alias (RFC 2181 §10.3) or that has no address in
 * the view (a null MX, {@code 0 .}, is fine; a target under a delegation is trusted), a zone file
 * that cannot be read. Each names its line and its fix, in Japanese and English.
 */
public final class DnsViewCompiler {
  /**
   * TTL of negative answers (the SOA minimum, RFC 2308). Short, because records change while a
   * simulation runs and a trainee who just fixed an MX should not wait for a cached NXDOMAIN.
   */
  static final long NEGATIVE_TTL_SECONDS = 60;

  /**
   * SOA timers (refresh, retry, expire) in seconds: no secondary server ever reads them here, so
   * they only have to look sane in dig; these are RFC 1912's suggestions.
   */
  static final long SOA_REFRESH = 3_600;

  static final long SOA_RETRY = 600;
  static final long SOA_EXPIRE = 604_800;
  static final long SOA_SERIAL = 1;

  /** dnsjava's tokenizer prefixes "<none>:1: " to errors in a one-line string: noise to a user. */
  private static final Pattern TOKENIZER_PREFIX = Pattern.compile("^<none>:\\d+: ");

  private static final Pattern MASTER_LINE = Pattern.compile(":(\\d+):");

  private DnsViewCompiler() {}

  /** The name of a view's own DNS server, {@code ns.<network>.sim.}, that its SOA and NS name. */
  public static Name serverName(String network) throws TextParseException {
    return Name.fromString("ns." + network + ".sim.");
  }

  /**
   * The views of a topology, by network name in the topology's order; only networks with a {@code
   * dns} server have one. Each call builds new views, so two simulations never share records.
   *
   * @throws DnsCompileException listing every problem found, if any
   */
  public static Map<String, DnsView> compile(Topology topology) throws DnsCompileException {
    List<DnsProblem> problems = new ArrayList<>();
    List<String> networkNames = topology.networks().stream().map(NetworkSpec::name).toList();
    List<String> servedNames =
        topology.networks().stream()
            .filter(n -> n.dns().isPresent())
            .map(NetworkSpec::name)
            .toList();
    List<DerivedNode> nodes = parseNodes(topology.nodes(), problems);
    List<ExplicitRecord> explicit = new ArrayList<>();
    for (RecordSpec spec : topology.records()) {
      parseRecord(spec, networkNames, servedNames, problems).ifPresent(explicit::add);
    }
    List<ParsedZoneFile> zoneFiles = new ArrayList<>();
    for (ZoneFileSpec spec : topology.zoneFiles()) {
      parseZoneFile(spec, networkNames, servedNames, problems).ifPresent(zoneFiles::add);
    }

    Map<String, DnsView> views = new LinkedHashMap<>();
    for (NetworkSpec network : topology.networks()) {
      if (network.dns().isPresent()) {
        buildView(network, nodes, explicit, zoneFiles, problems)
            .ifPresent(v -> views.put(network.name(), v));
      }
    }
    if (!problems.isEmpty()) {
      // In file order, topology file first, so a user fixes them top to bottom.
      problems.sort(
          Comparator.comparing((DnsProblem p) -> p.zoneFile().map(Path::toString).orElse(""))
              .thenComparingInt(DnsProblem::line));
      throw new DnsCompileException(problems);
    }
    return Collections.unmodifiableMap(views);
  }

  private static Optional<DnsView> buildView(
      NetworkSpec network,
      List<DerivedNode> nodes,
      List<ExplicitRecord> explicit,
      List<ParsedZoneFile> zoneFiles,
      List<DnsProblem> problems) {
    String viewName = network.name();
    Name server;
    try {
      server = serverName(viewName);
    } catch (TextParseException e) {
      problems.add(
          DnsProblem.atLine(
              0,
              "networks.name",
              Bilingual.of(
                  "ネットワーク名 " + viewName + " はDNS名のラベルに使えません",
                  "network name " + viewName + " cannot be a DNS label"),
              Bilingual.of(
                  "英数字とハイフンだけの短い名前にしてください", "use a short name of letters, digits and hyphens")));
      return Optional.empty();
    }

    Map<Name, List<Record>> zoneContents = new LinkedHashMap<>();
    zoneContents.put(Name.root, generatedRootZone(server, network.dns().get().address()));
    boolean generatedRoot = true;
    for (ParsedZoneFile file : zoneFiles) {
      if (!file.appliesTo(viewName)) {
        continue;
      }
      boolean replacingRoot = file.origin().equals(Name.root) && generatedRoot;
      if (zoneContents.containsKey(file.origin()) && !replacingRoot) {
        problems.add(
            new DnsProblem(
                Optional.of(file.spec().file()),
                0,
                "zone-files.origin",
                Bilingual.of(
                    "ビュー " + viewName + " にゾーン " + file.origin() + " が二つあります",
                    "view " + viewName + " gets zone " + file.origin() + " twice"),
                Bilingual.of(
                    "同じ起点のゾーンファイルは一つにまとめるか、views で分けてください",
                    "merge the zone files of one origin, or give them different views")));
        continue;
      }
      generatedRoot &= !replacingRoot;
      zoneContents.put(file.origin(), file.records());
    }
    List<Zone> zones = new ArrayList<>();
    zoneContents.forEach((origin, records) -> zones.add(zone(origin, records)));
    DnsView view = new DnsView(viewName, zones);

    Map<RRsetKey, List<Record>> derived = new LinkedHashMap<>();
    for (DerivedNode node : nodes) {
      node.recordsOn(viewName)
          .forEach(r -> derived.computeIfAbsent(RRsetKey.of(r), k -> new ArrayList<>()).add(r));
    }
    derived.forEach(
        (key, records) -> {
          if (view.records(key.name, key.type).isEmpty()) {
            records.forEach(view::addRecord);
          }
        });

    Map<RRsetKey, List<ExplicitRecord>> mine = new LinkedHashMap<>();
    for (ExplicitRecord e : explicit) {
      if (e.appliesTo(viewName)) {
        mine.computeIfAbsent(RRsetKey.of(e.record), k -> new ArrayList<>()).add(e);
      }
    }
    mine.forEach(
        (key, records) -> {
          if (key.type == Type.SOA && !view.zoneOf(key.name).orElse(Name.empty).equals(key.name)) {
            records.forEach(e -> problems.add(soaAwayFromApex(e, viewName)));
            return;
          }
          view.replaceRRset(key.name, key.type, records.stream().map(e -> e.record).toList());
        });
    mine.values().stream().flatMap(List::stream).forEach(e -> checkExplicit(e, view, problems));
    return Optional.of(view);
  }

  private static List<Record> generatedRootZone(Name server, InetAddress serverAddress) {
    long ttl = Defaults.DNS_TTL_SECONDS;
    Name admin = Name.fromConstantString("hostmaster." + server.toString().substring(3));
    return List.of(
        new SOARecord(
            Name.root,
            DClass.IN,
            ttl,
            server,
            admin,
            SOA_SERIAL,
            SOA_REFRESH,
            SOA_RETRY,
            SOA_EXPIRE,
            NEGATIVE_TTL_SECONDS),
        new NSRecord(Name.root, DClass.IN, ttl, server),
        address(server, serverAddress, ttl));
  }

  private static Record address(Name name, InetAddress address, long ttl) {
    return address instanceof Inet6Address
        ? new AAAARecord(name, DClass.IN, ttl, address)
        : new ARecord(name, DClass.IN, ttl, address);
  }

  private static Zone zone(Name origin, List<Record> records) {
    try {
      return new Zone(origin, records.toArray(new Record[0]));
    } catch (IOException e) {
      // Only reachable if a zone file passed parsing but not here, which parseZoneFile prevents.
      throw new IllegalStateException("zone " + origin + ": " + e.getMessage(), e);
    }
  }

  // ---- derived records ----

  private static List<DerivedNode> parseNodes(List<NodeSpec> specs, List<DnsProblem> problems) {
    List<DerivedNode> nodes = new ArrayList<>();
    for (NodeSpec spec : specs) {
      Name host;
      try {
        host = Name.fromString(spec.hostname(), Name.root);
      } catch (TextParseException e) {
        problems.add(badNodeName(spec, "nodes.hostname", spec.hostname(), e));
        continue;
      }
      List<Name> domains = new ArrayList<>();
      for (String domain : spec.domains()) {
        try {
          domains.add(Name.fromString(domain, Name.root));
        } catch (TextParseException e) {
          problems.add(badNodeName(spec, "nodes.domains", domain, e));
        }
      }
      nodes.add(new DerivedNode(spec, host, domains));
    }
    return nodes;
  }

  private static DnsProblem badNodeName(
      NodeSpec spec, String key, String text, TextParseException e) {
    return DnsProblem.atLine(
        0,
        key,
        Bilingual.of(
            "ノード " + spec.id() + " の " + text + " はDNS名として使えません (" + e.getMessage() + ")",
            "node " + spec.id() + ": " + text + " is not a DNS name (" + e.getMessage() + ")"),
        Bilingual.of(
            "town-b.lg.jp のように、ドットで区切った63文字以内のラベルで書いてください",
            "write dot-separated labels of at most 63 characters, like town-b.lg.jp"));
  }

  /** One node's derived records, per network it is attached to. */
  private record DerivedNode(NodeSpec spec, Name host, List<Name> domains) {
    List<Record> recordsOn(String network) {
      InetAddress address = spec.addresses().get(network);
      if (address == null) {
        return List.of();
      }
      long ttl = Defaults.DNS_TTL_SECONDS;
      List<Record> records = new ArrayList<>();
      records.add(address(host, address, ttl));
      for (Name domain : domains) {
        records.add(new MXRecord(domain, DClass.IN, ttl, Defaults.MX_PREFERENCE, host));
      }
      return records;
    }
  }

  // ---- explicit records ----

  private record ExplicitRecord(RecordSpec spec, Record record) {
    boolean appliesTo(String view) {
      return spec.views().isEmpty() || spec.views().contains(view);
    }
  }

  private static Optional<ExplicitRecord> parseRecord(
      RecordSpec spec, List<String> networks, List<String> served, List<DnsProblem> problems) {
    int line = spec.line();
    boolean viewsOk = checkViews(spec.views(), networks, served, line, "records.views", problems);
    Name name;
    try {
      name = Name.fromString(spec.name(), Name.root);
    } catch (TextParseException e) {
      problems.add(
          DnsProblem.atLine(
              line,
              "records.name",
              Bilingual.of(
                  spec.name() + " はDNS名として使えません (" + e.getMessage() + ")",
                  spec.name() + " is not a DNS name (" + e.getMessage() + ")"),
              Bilingual.of(
                  "town-b.lg.jp のように、ドットで区切った63文字以内のラベルで書いてください",
                  "write dot-separated labels of at most 63 characters, like town-b.lg.jp")));
      return Optional.empty();
    }
    int type = Type.value(spec.type());
    if (type < 0 || !Type.isRR(type)) {
      problems.add(
          DnsProblem.atLine(
              line,
              "records.type",
              Bilingual.of(
                  "レコード型 " + spec.type() + " はありません", "there is no record type " + spec.type()),
              Bilingual.of(
                  "A, MX, NS, CNAME, TXT などの型名を書いてください",
                  "write a record type such as A, MX, NS, CNAME or TXT")));
      return Optional.empty();
    }
    Record record;
    try {
      record = Record.fromString(name, type, DClass.IN, spec.ttlSeconds(), spec.data(), Name.root);
    } catch (IOException | IllegalArgumentException e) {
      String reason = TOKENIZER_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
      problems.add(
          DnsProblem.atLine(
              line,
              "records.data",
              Bilingual.of(
                  spec.name() + " " + spec.type() + " のデータ「" + spec.data() + "」を読めません: " + reason,
                  "cannot read the data \""
                      + spec.data()
                      + "\" of "
                      + spec.name()
                      + " "
                      + spec.type()
                      + ": "
                      + reason),
              Bilingual.of(
                  "ゾーンファイルの書式で書いてください (例: MX なら「10 relay.lgwan.jp.」)",
                  "write it as in a zone file (e.g. for MX: \"10 relay.lgwan.jp.\")")));
      return Optional.empty();
    }
    return viewsOk ? Optional.of(new ExplicitRecord(spec, record)) : Optional.empty();
  }

  private static boolean checkViews(
      List<String> views,
      List<String> networks,
      List<String> served,
      int line,
      String key,
      List<DnsProblem> problems) {
    boolean ok = true;
    for (String view : views) {
      if (!networks.contains(view)) {
        problems.add(
            DnsProblem.atLine(
                line,
                key,
                Bilingual.of("ネットワーク " + view + " はありません", "there is no network " + view),
                Bilingual.of(
                    "views には networks に書いた名前を使ってください: " + networks,
                    "name networks of the topology in views: " + networks)));
        ok = false;
      } else if (!served.contains(view)) {
        problems.add(
            DnsProblem.atLine(
                line,
                key,
                Bilingual.of(
                    "ネットワーク " + view + " にはDNSサーバがありません", "network " + view + " has no DNS server"),
                Bilingual.of(
                    "そのネットワークに dns を書くか、views から外してください",
                    "give that network a dns entry, or remove it from views")));
        ok = false;
      }
    }
    return ok;
  }

  private static DnsProblem soaAwayFromApex(ExplicitRecord e, String view) {
    return DnsProblem.atLine(
        e.spec.line(),
        "records.type",
        Bilingual.of(
            "ビュー " + view + " で " + e.spec.name() + " はゾーンの頂点ではないので SOA を置けません",
            e.spec.name() + " is not a zone apex in view " + view + ", so it cannot have an SOA"),
        Bilingual.of(
            "新しいゾーンは zone-files で渡してください (SOA は . かゾーンファイルの起点だけ)",
            "bring a new zone as a zone file (an SOA belongs only at . or a zone file's origin)"));
  }

  /** Checks that need the finished view: alias rules and MX targets. */
  private static void checkExplicit(ExplicitRecord e, DnsView view, List<DnsProblem> problems) {
    Record record = e.record;
    int line = e.spec.line();
    if (record.getType() == Type.CNAME && view.rrsets(record.getName()).size() > 1) {
      problems.add(
          DnsProblem.atLine(
              line,
              "records.type",
              Bilingual.of(
                  "ビュー " + view.name() + " で " + record.getName() + " には CNAME と他のレコードが並んでいます",
                  record.getName() + " has a CNAME beside other records in view " + view.name()),
              Bilingual.of(
                  "CNAME の名前には他のレコードを置けません (RFC 1034)。別名をやめて A/MX を書くか、ノードの hostname と違う名前にしてください",
                  "a CNAME name holds nothing else (RFC 1034): write A/MX records instead, or use"
                      + " a name that is no node's hostname")));
    }
    if (record instanceof MXRecord) {
      checkMxTarget(e, (MXRecord) record, view, line, problems);
    }
  }

  private static void checkMxTarget(
      ExplicitRecord e, MXRecord mx, DnsView view, int line, List<DnsProblem> problems) {
    Name target = mx.getTarget();
    if (target.equals(Name.root)) {
      return; // RFC 7505 null MX: "this domain takes no mail", on purpose
    }
    SetResponse a = view.lookup(target, Type.A);
    SetResponse aaaa = view.lookup(target, Type.AAAA);
    if (a != null && (a.isSuccessful() || a.isDelegation())
        || aaaa != null && aaaa.isSuccessful()) {
      return;
    }
    if (a != null && a.isCNAME()) {
      problems.add(
          DnsProblem.atLine(
              line,
              "records.data",
              Bilingual.of(
                  "MX の宛先 " + target + " は CNAME (別名) です (ビュー " + view.name() + ")",
                  "the MX target " + target + " is a CNAME (alias) in view " + view.name()),
              Bilingual.of(
                  "MX には別名ではなく A レコードを持つ本来のホスト名を書いてください (RFC 2181 §10.3)",
                  "point the MX at the canonical host name that has the A record (RFC 2181 §10.3)")));
      return;
    }
    problems.add(
        DnsProblem.atLine(
            line,
            "records.data",
            Bilingual.of(
                e.spec.name() + " の MX の宛先 " + target + " にはビュー " + view.name() + " でアドレスがありません",
                "the MX target "
                    + target
                    + " of "
                    + e.spec.name()
                    + " has no address in view "
                    + view.name()),
            Bilingual.of(
                "そのネットワークにつながったノードの hostname を書くか、" + target + " の A レコードを追加してください",
                "name the hostname of a node attached to that network, or add an A record for "
                    + target)));
  }

  // ---- zone files ----

  /** A zone file read once; each view gets its own zone built from these records. */
  private record ParsedZoneFile(ZoneFileSpec spec, Name origin, List<Record> records) {
    boolean appliesTo(String view) {
      return spec.views().isEmpty() || spec.views().contains(view);
    }
  }

  private static Optional<ParsedZoneFile> parseZoneFile(
      ZoneFileSpec spec, List<String> networks, List<String> served, List<DnsProblem> problems) {
    Path file = spec.file();
    List<DnsProblem> viewProblems = new ArrayList<>();
    boolean viewsOk =
        checkViews(spec.views(), networks, served, 0, "zone-files.views", viewProblems);
    viewProblems.forEach(
        p -> problems.add(new DnsProblem(Optional.of(file), 0, p.key(), p.message(), p.fix())));
    Name origin;
    try {
      origin = Name.fromString(spec.origin(), Name.root);
    } catch (TextParseException e) {
      problems.add(
          new DnsProblem(
              Optional.of(file),
              0,
              "zone-files.origin",
              Bilingual.of(
                  "ゾーンの起点 " + spec.origin() + " はDNS名として使えません",
                  "zone origin " + spec.origin() + " is not a DNS name"),
              Bilingual.of(
                  "lg.jp のようにゾーンの頂点の名前を書いてください", "write the name of the zone's apex, like lg.jp")));
      return Optional.empty();
    }
    Zone zone;
    try {
      zone = new Zone(origin, file.toString());
    } catch (IOException | IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      Matcher m = MASTER_LINE.matcher(reason);
      int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
      problems.add(
          new DnsProblem(
              Optional.of(file),
              line,
              "zone-files.file",
              Bilingual.of(
                  "ゾーンファイル " + file + " を読めません: " + reason,
                  "cannot read zone file " + file + ": " + reason),
              Bilingual.of(
                  "ファイルの場所 (トポロジファイルからの相対パス) と BIND の書式を確かめてください。頂点に SOA 一つと NS が要ります",
                  "check the path (relative to the topology file) and the BIND syntax; the apex"
                      + " needs one SOA and an NS set")));
      return Optional.empty();
    }
    List<Record> records = new ArrayList<>();
    for (RRset rrset : zone) {
      records.addAll(rrset.rrs(false));
      records.addAll(rrset.sigs());
    }
    return viewsOk
        ? Optional.of(new ParsedZoneFile(spec, origin, List.copyOf(records)))
        : Optional.empty();
  }

  /** The name and type that make one RRset. */
  private record RRsetKey(Name name, int type) {
    static RRsetKey of(Record r) {
      return new RRsetKey(r.getName(), r.getRRsetType());
    }
  }
}
