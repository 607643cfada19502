package jp.lgwansim.sim.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.lgwansim.relay.dns.DnsQueries;
import jp.lgwansim.relay.topology.Defaults;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Runs the article's checks against a running simulation described by its {@code GET /api/topology}
 * document, as an administrator would: {@code nslookup -type=MX} in LGWAN's DNS (Figure 4), WHOIS
 * for the registered name servers (Figure 5), the parent zone's delegation and glue against what
 * each name server really answers, and whether smarthosts resolve and listen.
 *
 * <p>Per domain: MX present in the LGWAN view, each MX target has an address and is no CNAME; for a
 * domain used on the Internet (its final node is on the registry's network, or WHOIS lists name
 * servers): WHOIS shows name servers, every registered name server answers the zone with authority
 * at its registered glue (no lame delegation, no stale glue) and its A record in the zone equals
 * the glue, and the Internet resolver resolves the MX. Per static node: its smarthost resolves and
 * accepts TCP connections.
 */
public final class DnsDoctor {
  /** Per question: a healthy simulated server answers in microseconds. */
  static final Duration TIMEOUT = Duration.ofMillis(1500);

  private final JsonNode topology;
  private final List<Check> checks = new ArrayList<>();

  private DnsDoctor(JsonNode topology) {
    this.topology = topology;
  }

  /** Every check, in order: per domain, then per smarthost. */
  public static List<Check> run(JsonNode topologyDocument) {
    DnsDoctor doctor = new DnsDoctor(topologyDocument);
    doctor.runAll();
    return List.copyOf(doctor.checks);
  }

  private void runAll() {
    Map<String, InetSocketAddress> dns = new LinkedHashMap<>();
    for (JsonNode d : topology.path("dns")) {
      dns.put(d.path("view").asText(), endpoint(d));
    }
    String internet = topology.path("whois").path("network").asText("");
    Optional<InetSocketAddress> whois =
        topology.path("whois").has("host")
            ? Optional.of(endpoint(topology.path("whois")))
            : Optional.empty();
    String lgwanView =
        dns.containsKey("lgwan")
            ? "lgwan"
            : dns.keySet().stream().filter(v -> !v.equals(internet)).findFirst().orElse("");
    Map<String, Set<String>> domainNetworks = new LinkedHashMap<>();
    for (JsonNode node : topology.path("nodes")) {
      for (JsonNode d : node.path("domains")) {
        Set<String> nets = domainNetworks.computeIfAbsent(d.asText(), k -> new LinkedHashSet<>());
        node.path("smtp").forEach(s -> nets.add(s.path("network").asText()));
      }
    }
    for (Map.Entry<String, Set<String>> e : domainNetworks.entrySet()) {
      String domain = e.getKey();
      if (dns.containsKey(lgwanView) && e.getValue().contains(lgwanView)) {
        mx(domain, lgwanView, dns.get(lgwanView), "lgwan-mx");
      }
      if (!internet.isEmpty() && dns.containsKey(internet) && whois.isPresent()) {
        List<String> ns = whoisNameServers(whois.get(), domain);
        // The article's rule is for LG.JP domains used on the Internet; any domain with
        // registered name servers is checked the same way, since its delegation can break.
        boolean lgJp = jp.lgwansim.sim.registry.Registrars.isLgJp(domain);
        if (lgJp && e.getValue().contains(internet) || !ns.isEmpty()) {
          internet(domain, ns, dns.get(internet));
        }
      }
    }
    for (JsonNode node : topology.path("nodes")) {
      String smarthost = node.path("delivery").path("smarthost").asText("");
      if (!smarthost.isEmpty()) {
        String network = node.path("smtp").path(0).path("network").asText();
        smarthost(node.path("id").asText(), smarthost, network, dns.get(network));
      }
    }
  }

  // ---- LGWAN: Figure 4 ----

  private void mx(String domain, String view, InetSocketAddress server, String check) {
    Message answer = ask(server, domain, Type.MX, true);
    List<MXRecord> mx = new ArrayList<>();
    if (answer != null) {
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r instanceof MXRecord) {
          mx.add((MXRecord) r);
        }
      }
    }
    if (mx.isEmpty()) {
      checks.add(
          Check.fail(
              domain,
              check,
              view
                  + " の DNS で "
                  + domain
                  + " の MX レコードが表示されません。MXレコードが表示されない場合、DNSは正しく構成されていません"
                  + rcode(answer),
              "no MX record of "
                  + domain
                  + " in the "
                  + view
                  + " DNS: DNS is not configured"
                  + " correctly"
                  + rcode(answer),
              domain
                  + " の MX レコードを "
                  + view
                  + " の DNS に設定してください (nslookup -type=MX "
                  + domain
                  + " で確認)",
              "add an MX record for "
                  + domain
                  + " to the "
                  + view
                  + " DNS (check with nslookup"
                  + " -type=MX "
                  + domain
                  + ")"));
      return;
    }
    String list =
        mx.stream()
            .map(r -> r.getPriority() + " " + r.getTarget())
            .collect(Collectors.joining(", "));
    checks.add(
        Check.pass(
            domain,
            check,
            view + " の DNS に MX があります: " + list,
            "MX in the " + view + " DNS: " + list));
    for (MXRecord r : mx) {
      Name target = r.getTarget();
      Message a = ask(server, target.toString(), Type.A, true);
      boolean alias =
          a != null
              && a.getSection(Section.ANSWER).stream().anyMatch(x -> x instanceof CNAMERecord);
      boolean address =
          a != null && a.getSection(Section.ANSWER).stream().anyMatch(x -> x instanceof ARecord);
      if (alias) {
        checks.add(
            Check.fail(
                domain,
                "mx-cname",
                "MX の宛先 " + target + " は CNAME (別名) です",
                "the MX target " + target + " is a CNAME (alias)",
                "MX には A レコードを持つ本来のホスト名を書いてください (RFC 2181 §10.3)",
                "point the MX at the canonical name that has the A record (RFC 2181 §10.3)"));
      } else if (!address) {
        checks.add(
            Check.fail(
                domain,
                "mx-target",
                "MX の宛先 " + target + " のアドレスが " + view + " の DNS で引けません" + rcode(a),
                "the MX target " + target + " has no address in the " + view + " DNS" + rcode(a),
                target + " の A レコードを追加してください",
                "add an A record for " + target));
      } else {
        checks.add(
            Check.pass(
                domain,
                "mx-target",
                "MX の宛先 " + target + " のアドレスが引けます",
                "the MX target " + target + " resolves"));
      }
    }
  }

  // ---- The Internet: Figure 5 and the delegation ----

  private void internet(String domain, List<String> ns, InetSocketAddress resolver) {
    if (ns.isEmpty()) {
      checks.add(
          Check.fail(
              domain,
              "whois-ns",
              "WHOIS で " + domain + " の [ネームサーバ] にホスト名が表示されません",
              "WHOIS shows no [Name Server] for " + domain,
              "LG.JP取扱事業者 (J-LIS) を通じて、JPRS のネームサーバにドメイン名情報を登録してください",
              "register the name servers with JPRS through the LG.JP registrar (J-LIS)"));
      return;
    }
    checks.add(
        Check.pass(
            domain,
            "whois-ns",
            "WHOIS の [ネームサーバ]: " + String.join(", ", ns),
            "WHOIS [Name Server]: " + String.join(", ", ns)));
    Message referral = ask(resolver, domain, Type.NS, false);
    Map<String, InetAddress> glue = new LinkedHashMap<>();
    if (referral != null) {
      for (Record r : referral.getSection(Section.ADDITIONAL)) {
        if (r instanceof ARecord) {
          glue.put(host(r.getName()), ((ARecord) r).getAddress());
        }
      }
    }
    for (String host : ns) {
      InetAddress address = glue.get(host);
      if (address == null) {
        Message a = ask(resolver, host, Type.A, true);
        if (a != null) {
          for (Record r : a.getSection(Section.ANSWER)) {
            if (r instanceof ARecord) {
              address = ((ARecord) r).getAddress();
            }
          }
        }
      }
      if (address == null) {
        checks.add(
            Check.fail(
                domain,
                "ns-address",
                "ネームサーバ " + host + " のアドレスがわかりません (グルーも A レコードもありません)",
                "name server " + host + " has no address (no glue, no A record)",
                host + " の A レコードを登録するか、グルーの登録を取扱事業者に申請してください",
                "publish an A record for "
                    + host
                    + ", or register its glue through the registrar"));
        continue;
      }
      InetSocketAddress at = new InetSocketAddress(address, resolver.getPort());
      String where = host + " (" + address.getHostAddress() + ")";
      Message soa = ask(at, domain, Type.SOA, false);
      if (soa == null) {
        checks.add(
            Check.fail(
                domain,
                "ns-answers",
                where + " から応答がありません。登録されたグルー (IPアドレス) が古い可能性があります",
                "no answer from " + where + ": the registered glue address may be stale",
                "DNSサーバのIPアドレスを変えたなら、J-LIS を通じて変更申請してください (lgwan-sim ns-change ... --apply --file-application)",
                "if the server moved, file the change through J-LIS (lgwan-sim ns-change ..."
                    + " --apply --file-application)"));
        continue;
      }
      if (soa.getRcode() != Rcode.NOERROR || !soa.getHeader().getFlag(Flags.AA)) {
        checks.add(
            Check.fail(
                domain,
                "lame-delegation",
                where
                    + " は "
                    + domain
                    + " に権威を持って答えません (lame delegation, "
                    + Rcode.string(soa.getRcode())
                    + ")",
                where
                    + " does not answer for "
                    + domain
                    + " with authority (lame delegation, "
                    + Rcode.string(soa.getRcode())
                    + ")",
                "そのサーバに " + domain + " のゾーンを置くか、登録を実際のサーバに合わせて変更申請してください",
                "serve the "
                    + domain
                    + " zone on that server, or file a change so the"
                    + " registration names the real servers"));
        continue;
      }
      checks.add(
          Check.pass(
              domain,
              "lame-delegation",
              where + " は " + domain + " に権威を持って答えます",
              where + " answers for " + domain + " with authority"));
      if (glue.containsKey(host)) {
        Message a = ask(at, host, Type.A, false);
        List<InetAddress> zoneA = new ArrayList<>();
        if (a != null) {
          for (Record r : a.getSection(Section.ANSWER)) {
            if (r instanceof ARecord) {
              zoneA.add(((ARecord) r).getAddress());
            }
          }
        }
        if (zoneA.contains(glue.get(host))) {
          checks.add(
              Check.pass(
                  domain,
                  "glue",
                  "グルー " + glue.get(host).getHostAddress() + " はゾーンの " + host + " の A レコードと一致します",
                  "glue "
                      + glue.get(host).getHostAddress()
                      + " equals the zone's A record of "
                      + host));
        } else {
          String seen =
              zoneA.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
          checks.add(
              Check.fail(
                  domain,
                  "glue",
                  "グルー "
                      + glue.get(host).getHostAddress()
                      + " とゾーンの "
                      + host
                      + " の A ("
                      + seen
                      + ") が違います",
                  "glue "
                      + glue.get(host).getHostAddress()
                      + " differs from the zone's A record of "
                      + host
                      + " ("
                      + seen
                      + ")",
                  "J-LIS を通じてグルーの変更を申請してください",
                  "file a glue change through J-LIS"));
        }
      }
    }
    Message mx = ask(resolver, domain, Type.MX, true);
    boolean resolved =
        mx != null
            && mx.getRcode() == Rcode.NOERROR
            && mx.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof MXRecord);
    checks.add(
        resolved
            ? Check.pass(
                domain,
                "internet-mx",
                "インターネットのリゾルバで MX が引けます: " + answers(mx),
                "the Internet resolver finds the MX: " + answers(mx))
            : Check.fail(
                domain,
                "internet-mx",
                "インターネットのリゾルバで " + domain + " の MX が引けません" + rcode(mx) + "。インターネットからのメールは届きません",
                "the Internet resolver cannot find the MX of "
                    + domain
                    + rcode(mx)
                    + ": mail from the Internet will not arrive",
                "上のネームサーバとグルーの項目を直してください",
                "fix the name-server and glue items above"));
  }

  // ---- smarthosts ----

  private void smarthost(String node, String smarthost, String network, InetSocketAddress dns) {
    String hop = smarthost.trim();
    int port = Defaults.SMTP_PORT;
    int colon = hop.lastIndexOf(':');
    if (colon > hop.lastIndexOf(']')) {
      port = Integer.parseInt(hop.substring(colon + 1));
      hop = hop.substring(0, colon);
    }
    String host = hop.replace("[", "").replace("]", "");
    InetAddress address = null;
    if (dns != null) {
      Message a = ask(dns, host, Type.A, true);
      if (a != null) {
        for (Record r : a.getSection(Section.ANSWER)) {
          if (r instanceof ARecord) {
            address = ((ARecord) r).getAddress();
          }
        }
      }
    }
    if (address == null) {
      checks.add(
          Check.fail(
              node,
              "smarthost-resolves",
              node + " の smarthost " + host + " のアドレスが " + network + " の DNS で引けません",
              node + "'s smarthost " + host + " has no address in the " + network + " DNS",
              host + " の A レコードを追加するか、smarthost を直してください",
              "add an A record for " + host + ", or correct the smarthost"));
      return;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), (int) TIMEOUT.toMillis());
      checks.add(
          Check.pass(
              node,
              "smarthost-listens",
              node
                  + " の smarthost "
                  + host
                  + " ("
                  + address.getHostAddress()
                  + ":"
                  + port
                  + ") は接続を受け付けます",
              node
                  + "'s smarthost "
                  + host
                  + " ("
                  + address.getHostAddress()
                  + ":"
                  + port
                  + ") accepts connections"));
    } catch (IOException e) {
      checks.add(
          Check.fail(
              node,
              "smarthost-listens",
              node
                  + " の smarthost "
                  + host
                  + " ("
                  + address.getHostAddress()
                  + ":"
                  + port
                  + ") に接続できません",
              "cannot connect to "
                  + node
                  + "'s smarthost "
                  + host
                  + " ("
                  + address.getHostAddress()
                  + ":"
                  + port
                  + ")",
              "smarthost のサーバが動いているか確かめてください",
              "check that the smarthost's server is running"));
    }
  }

  // ---- clients ----

  /** The host names of {@code p. [ネームサーバ]} / {@code [Name Server]} lines of a WHOIS answer. */
  static List<String> whoisNameServers(InetSocketAddress whois, String domain) {
    List<String> ns = new ArrayList<>();
    for (String line : whoisText(whois, domain).split("\r?\n")) {
      int at = Math.max(line.indexOf("[ネームサーバ]"), line.indexOf("[Name Server]"));
      if (at >= 0) {
        String value = line.substring(line.indexOf(']', at) + 1).trim();
        if (!value.isEmpty()) {
          ns.add(value.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return ns;
  }

  /** The raw WHOIS answer (RFC 3912), or empty when nothing answered. */
  public static String whoisText(InetSocketAddress whois, String query) {
    try (Socket s = new Socket()) {
      s.connect(whois, (int) TIMEOUT.toMillis());
      s.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write((query + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
          .lines()
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "";
    }
  }

  private static Message ask(InetSocketAddress server, String name, int type, boolean recurse) {
    try {
      SimpleResolver resolver = new SimpleResolver(server);
      resolver.setTimeout(TIMEOUT);
      Message query =
          Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
      if (!recurse) {
        query.getHeader().unsetFlag(Flags.RD);
      }
      return DnsQueries.send(resolver, query);
    } catch (TextParseException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String rcode(Message m) {
    return m == null ? " (応答なし / no answer)" : " (" + Rcode.string(m.getRcode()) + ")";
  }

  private static String answers(Message m) {
    return m.getSection(Section.ANSWER).stream()
        .map(r -> r.rdataToString())
        .collect(Collectors.joining(", "));
  }

  private static String host(Name name) {
    String s = name.toString();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static InetSocketAddress endpoint(JsonNode d) {
    return new InetSocketAddress(d.path("host").asText(), d.path("port").asInt());
  }
}
