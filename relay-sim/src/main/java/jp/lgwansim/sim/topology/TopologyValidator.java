package jp.lgwansim.sim.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.lgwansim.relay.routing.NextHopSpec;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.SampleMail;
import jp.lgwansim.relay.topology.ZoneFileSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.topology.TopologyReader.Placed;
import jp.lgwansim.sim.topology.TopologyReader.Result;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The rules that compare one part of a topology with another: names and addresses used once,
 * addresses inside their network, every next hop and MX target reachable by a name the simulation's
 * DNS will answer. A second use of something is reported where it is used again, and the message
 * names the line of the first.
 */
final class TopologyValidator {

  private final Result read;
  private final Problems problems;

  /** Names the DNS will answer, with the record types they will have. */
  private final Map<String, Set<String>> dnsNames = new HashMap<>();

  private final Set<String> nodeHostnames = new HashSet<>();

  TopologyValidator(Result read, Problems problems) {
    this.read = read;
    this.problems = problems;
  }

  void validate() {
    Map<String, Placed<NetworkSpec>> networks = networks();
    nodes(networks);
    dnsViews(networks);
    samples();
    addressesUsedOnce();
    domainsAndMailboxesUsedOnce();
    collectDnsNames();
    nextHops();
    records(networks);
  }

  /** A sample's path names nodes, and its sender's domain belongs to a node that can send it. */
  private void samples() {
    Set<String> ids = new HashSet<>();
    Map<String, String> domainOwner = new HashMap<>();
    for (Placed<NodeSpec> p : read.nodes()) {
      ids.add(p.value().id());
      p.value().domains().forEach(d -> domainOwner.put(d, p.value().id()));
    }
    for (Placed<SampleMail> p : read.samples()) {
      SampleMail s = p.value();
      String domain = s.from().substring(s.from().indexOf('@') + 1);
      if (!domainOwner.containsKey(domain)) {
        problems.add(
            p.path() + ".from",
            Bilingual.of(
                s.from() + " のドメインを持つノードがありません", "no node holds the domain of " + s.from()),
            Bilingual.of(
                "送信者には、どれかのノードの domains にあるドメインのアドレスを書いてください",
                "write a sender whose domain is in some node's domains"));
      } else if (!s.path().isEmpty() && !s.path().get(0).equals(domainOwner.get(domain))) {
        problems.add(
            p.path() + ".path",
            Bilingual.of(
                "経路は送信者のノード " + domainOwner.get(domain) + " から始まるはずです",
                "the path must start at the sender's node " + domainOwner.get(domain)),
            Bilingual.of(
                "path の最初に " + domainOwner.get(domain) + " を書いてください",
                "put " + domainOwner.get(domain) + " first in path"));
      }
      for (int i = 0; i < s.path().size(); i++) {
        if (!ids.contains(s.path().get(i))) {
          problems.add(
              p.path() + ".path[" + i + "]",
              Bilingual.of("ノード " + s.path().get(i) + " はありません", "no node " + s.path().get(i)),
              Bilingual.of(
                  "次のどれかを書いてください: " + String.join(", ", new java.util.TreeSet<>(ids)),
                  "write one of: " + String.join(", ", new java.util.TreeSet<>(ids))));
        }
      }
    }
  }

  /** A node can ask only the DNS views of networks it is attached to that have a DNS server. */
  private void dnsViews(Map<String, Placed<NetworkSpec>> networks) {
    for (Placed<NodeSpec> p : read.nodes()) {
      NodeSpec node = p.value();
      for (int i = 0; i < node.dnsViews().size(); i++) {
        String view = node.dnsViews().get(i);
        Placed<NetworkSpec> network = networks.get(view);
        boolean usable =
            node.addresses().containsKey(view)
                && network != null
                && network.value().dns().isPresent();
        if (!usable) {
          List<String> possible =
              node.addresses().keySet().stream()
                  .filter(n -> networks.containsKey(n) && networks.get(n).value().dns().isPresent())
                  .toList();
          problems.add(
              p.path() + ".dns_views[" + i + "]",
              Bilingual.of(
                  view + " はこのノードが接続していて DNS を持つネットワークではありません",
                  view + " is not a network this node is attached to that has a DNS server"),
              Bilingual.of(
                  "次のどれかを書いてください: " + String.join(", ", possible),
                  "write one of: " + String.join(", ", possible)));
        }
      }
    }
  }

  private Map<String, Placed<NetworkSpec>> networks() {
    Map<String, Placed<NetworkSpec>> byName = new LinkedHashMap<>();
    List<Placed<NetworkSpec>> seen = new ArrayList<>();
    for (Placed<NetworkSpec> p : read.networks()) {
      NetworkSpec net = p.value();
      String nameKey = p.path() + ".name";
      Placed<NetworkSpec> first = byName.putIfAbsent(net.name(), p);
      if (first != null) {
        duplicate(nameKey, "ネットワーク名", "network name", net.name(), first.path() + ".name");
        continue;
      }
      for (Placed<NetworkSpec> other : seen) {
        if (other.value().cidr().overlaps(net.cidr())) {
          problems.add(
              p.path() + ".cidr",
              Bilingual.of(
                  net.cidr()
                      + " は "
                      + other.value().name()
                      + " の範囲 "
                      + other.value().cidr()
                      + " ("
                      + lineOf(other.path() + ".cidr")
                      + " 行目) と重なっています",
                  net.cidr()
                      + " overlaps "
                      + other.value().name()
                      + "'s range "
                      + other.value().cidr()
                      + " (line "
                      + lineOf(other.path() + ".cidr")
                      + ")"),
              Bilingual.of(
                  "重ならない範囲にしてください (例: 127.10.0.0/16 と 127.20.0.0/16)",
                  "use ranges that do not overlap (e.g. 127.10.0.0/16 and 127.20.0.0/16)"));
        }
      }
      seen.add(p);
    }
    return byName;
  }

  private void nodes(Map<String, Placed<NetworkSpec>> networks) {
    Map<String, Placed<NodeSpec>> byId = new HashMap<>();
    Map<String, Placed<NodeSpec>> byHostname = new HashMap<>();
    for (Placed<NodeSpec> p : read.nodes()) {
      NodeSpec node = p.value();
      Placed<NodeSpec> first = byId.putIfAbsent(node.id(), p);
      if (first != null) {
        duplicate(p.path() + ".id", "ノード ID", "node id", node.id(), first.path() + ".id");
      }
      first = byHostname.putIfAbsent(node.hostname(), p);
      if (first != null) {
        duplicate(
            p.path() + ".hostname",
            "ホスト名",
            "hostname",
            node.hostname(),
            first.path() + ".hostname");
      }
      for (Map.Entry<String, InetAddress> a : node.addresses().entrySet()) {
        String key = p.path() + ".addresses[" + a.getKey() + "]";
        Placed<NetworkSpec> net = networks.get(a.getKey());
        if (net == null) {
          if (!read.incompleteNetworks().contains(a.getKey())) {
            problems.add(
                key,
                Bilingual.of(
                    "ネットワーク「" + a.getKey() + "」は networks にありません",
                    "network '" + a.getKey() + "' is not declared in networks"),
                Bilingual.of(
                    "次のどれかを書いてください: " + TopologyReader.listed(networks.keySet()),
                    "use one of: " + TopologyReader.listed(networks.keySet())));
          }
        } else if (!net.value().cidr().contains(a.getValue())) {
          problems.add(
              key,
              Bilingual.of(
                  a.getValue().getHostAddress()
                      + " は "
                      + a.getKey()
                      + " の範囲 "
                      + net.value().cidr()
                      + " の外です",
                  a.getValue().getHostAddress()
                      + " is outside "
                      + a.getKey()
                      + "'s range "
                      + net.value().cidr()),
              Bilingual.of(
                  net.value().cidr() + " の中のアドレスを書いてください",
                  "write an address inside " + net.value().cidr()));
        }
      }
    }
  }

  /** A node address or DNS server address may be used once: each is its own listener's host. */
  private void addressesUsedOnce() {
    Map<InetAddress, String> users = new HashMap<>();
    for (Placed<NetworkSpec> p : read.networks()) {
      p.value().dns().ifPresent(dns -> usedOnce(users, dns.address(), p.path() + ".dns.address"));
    }
    for (Placed<NodeSpec> p : read.nodes()) {
      for (Map.Entry<String, InetAddress> a : p.value().addresses().entrySet()) {
        usedOnce(users, a.getValue(), p.path() + ".addresses[" + a.getKey() + "]");
      }
    }
  }

  private void usedOnce(Map<InetAddress, String> users, InetAddress address, String key) {
    String first = users.putIfAbsent(address, key);
    if (first != null) {
      duplicate(key, "アドレス", "address", address.getHostAddress(), first);
    }
  }

  private void domainsAndMailboxesUsedOnce() {
    Map<String, String> domainOwner = new HashMap<>();
    Map<String, String> mailboxes = new HashMap<>();
    for (Placed<NodeSpec> p : read.nodes()) {
      List<String> domains = p.value().domains();
      for (int i = 0; i < domains.size(); i++) {
        String domain = domains.get(i);
        String key = p.part("domains#" + i);
        String first = domainOwner.putIfAbsent(domain, key);
        if (first != null && first.startsWith(p.path() + ".")) {
          duplicate(key, "ドメイン", "domain", domain, first);
        } else if (first != null) {
          problems.add(
              key,
              Bilingual.of(
                  "ドメイン " + domain + " は " + first + " (" + lineOf(first) + " 行目) でも最終配送先になっています",
                  "domain "
                      + domain
                      + " is also claimed by "
                      + first
                      + " (line "
                      + lineOf(first)
                      + ")"),
              Bilingual.of(
                  "ドメインの最終配送先は 1 つのノードだけにしてください。中継させたいなら transport を使います",
                  "give each domain one final node; to relay it elsewhere, use transport"));
        }
      }
      List<NodeSpec.MailboxSpec> boxes = p.value().mailboxes();
      for (int i = 0; i < boxes.size(); i++) {
        NodeSpec.MailboxSpec box = boxes.get(i);
        String address = box.address().toLowerCase(Locale.ROOT);
        String key = p.part("mailboxes#" + i) + ".address";
        String first = mailboxes.putIfAbsent(address, key);
        if (first != null) {
          duplicate(key, "メールボックス", "mailbox", box.address(), first);
        }
      }
    }
  }

  private void collectDnsNames() {
    for (Placed<NodeSpec> p : read.nodes()) {
      nodeHostnames.add(p.value().hostname());
      dnsNames.computeIfAbsent(p.value().hostname(), n -> new HashSet<>()).add("A");
      for (String domain : p.value().domains()) {
        dnsNames.computeIfAbsent(domain, n -> new HashSet<>()).add("MX");
      }
    }
    nodeHostnames.addAll(read.incompleteHostnames());
    for (Placed<RecordSpec> p : read.records()) {
      dnsNames
          .computeIfAbsent(DnsNames.normalize(p.value().name()), n -> new HashSet<>())
          .add(p.value().type());
    }
    for (Placed<ZoneFileSpec> p : read.zoneFiles()) {
      zoneNames(p);
    }
  }

  /** Reads an included zone file with dnsjava's parser, the one the DNS server will use. */
  private void zoneNames(Placed<ZoneFileSpec> p) {
    ZoneFileSpec zone = p.value();
    try (Master master =
        new Master(zone.file().toString(), Name.fromString(zone.origin() + "."), 0)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        dnsNames
            .computeIfAbsent(DnsNames.normalize(r.getName().toString()), n -> new HashSet<>())
            .add(Type.string(r.getType()));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          p.path() + ".file",
          Bilingual.of(
              "ゾーンファイル " + zone.file() + " を読めません: " + e.getMessage(),
              "cannot read zone file " + zone.file() + ": " + e.getMessage()),
          Bilingual.of(
              "BIND のゾーンファイルの書き方に直してください (dnsjava の Master で読みます)",
              "fix it to BIND zone-file syntax (it is read with dnsjava's Master)"));
    }
  }

  /**
   * A smarthost or transport next hop must be a name the simulation's DNS answers: a node's
   * hostname, or an explicit record. {@code [host]} skips MX lookup, so it needs an address (A or
   * CNAME); a plain host may also have an MX.
   */
  private void nextHops() {
    for (Placed<NodeSpec> p : read.nodes()) {
      NodeSpec node = p.value();
      node.delivery().smarthost().ifPresent(h -> nextHop(p.path() + ".delivery.smarthost", h));
      for (Map.Entry<String, String> t : node.transport().entrySet()) {
        nextHop(p.path() + ".transport[" + t.getKey() + "]", t.getValue());
      }
      node.fallbackRelay().ifPresent(h -> nextHop(p.path() + ".fallback_relay", h));
    }
  }

  private void nextHop(String key, String text) {
    Optional<NextHopSpec> parsed = NextHops.parse(text);
    if (parsed.isEmpty()) {
      return; // the reader has already said why
    }
    NextHopSpec hop = parsed.get();
    if (nodeHostnames.contains(hop.host())) {
      return;
    }
    Set<String> types = dnsNames.getOrDefault(hop.host(), Set.of());
    boolean reachable =
        types.contains("A")
            || types.contains("CNAME")
            || (!hop.bracketed() && types.contains("MX"));
    if (!reachable) {
      problems.add(
          key,
          Bilingual.of(
              "中継先 "
                  + hop.host()
                  + " はどのノードのホスト名でもなく、"
                  + (hop.bracketed() ? "A レコード" : "A/MX レコード")
                  + "もありません",
              "next hop "
                  + hop.host()
                  + " is no node's hostname and has no "
                  + (hop.bracketed() ? "A record" : "A or MX record")),
          Bilingual.of(
              "ノードのホスト名 ("
                  + TopologyReader.listed(nodeHostnames)
                  + ") のどれかを書くか、dns.records に A レコードを加えてください",
              "use a node's hostname ("
                  + TopologyReader.listed(nodeHostnames)
                  + ") or add an A record for it to dns.records"));
    }
  }

  private void records(Map<String, Placed<NetworkSpec>> networks) {
    for (Placed<RecordSpec> p : read.records()) {
      RecordSpec record = p.value();
      views(p.path() + ".views", record.views(), networks);
      if (record.type().equals("MX")) {
        mxTarget(p);
      }
    }
    for (Placed<ZoneFileSpec> p : read.zoneFiles()) {
      views(p.path() + ".views", p.value().views(), networks);
    }
  }

  private void mxTarget(Placed<RecordSpec> p) {
    RecordSpec record = p.value();
    MXRecord mx;
    try {
      mx = (MXRecord) RecordData.parse(record.name(), "MX", record.data(), record.ttlSeconds());
    } catch (IOException e) {
      return; // the reader has already said why
    }
    if (mx.getTarget().equals(Name.root)) {
      return; // RFC 7505 null MX: "this domain accepts no mail", it has no target on purpose
    }
    String target = DnsNames.normalize(mx.getTarget().toString());
    if (nodeHostnames.contains(target) || dnsNames.getOrDefault(target, Set.of()).contains("A")) {
      return;
    }
    problems.add(
        p.path() + ".data",
        Bilingual.of(
            "MX の宛先 " + target + " にアドレスがありません (どのノードのホスト名でもなく、A レコードもない)",
            "MX target "
                + target
                + " has no address (it is no node's hostname and has no A record)"),
        Bilingual.of(
            "ノードのホスト名 ("
                + TopologyReader.listed(nodeHostnames)
                + ") を宛先にするか、"
                + target
                + " の A レコードを加えてください",
            "point it at a node's hostname ("
                + TopologyReader.listed(nodeHostnames)
                + ") or add an A record for "
                + target));
  }

  private void views(String key, List<String> views, Map<String, Placed<NetworkSpec>> networks) {
    for (int i = 0; i < views.size(); i++) {
      String view = views.get(i);
      if (!networks.containsKey(view) && !read.incompleteNetworks().contains(view)) {
        problems.add(
            key + "[" + i + "]",
            Bilingual.of(
                "ビュー「" + view + "」に当たるネットワークがありません", "view '" + view + "' names no network"),
            Bilingual.of(
                "networks の name を書いてください: " + TopologyReader.listed(networks.keySet()),
                "use a network name: " + TopologyReader.listed(networks.keySet())));
      }
    }
  }

  private void duplicate(String key, String whatJa, String whatEn, String value, String firstKey) {
    int firstLine = lineOf(firstKey);
    problems.add(
        key,
        Bilingual.of(
            whatJa + " " + value + " が 2 回使われています (最初は " + firstLine + " 行目の " + firstKey + ")",
            whatEn
                + " "
                + value
                + " is used twice (first at line "
                + firstLine
                + ", "
                + firstKey
                + ")"),
        Bilingual.of("どちらかを別の値にするか、消してください", "change one of them to another value, or delete it"));
  }

  private int lineOf(String key) {
    return problems.lineOf(key);
  }
}
