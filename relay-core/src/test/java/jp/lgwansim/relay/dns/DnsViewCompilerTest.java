package jp.lgwansim.relay.dns;

import static jp.lgwansim.relay.dns.TestTopologies.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.topology.ZoneFileSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What the views of a topology hold, and the errors a topology author reads. */
class DnsViewCompilerTest {
  @TempDir Path dir;

  @Test
  void compile_derivesAddressAndMxPerNetwork() throws Exception {
    Map<String, DnsView> views = DnsViewCompiler.compile(TestTopologies.figure1(List.of()));

    assertEquals(List.of("lgwan", "internet"), List.copyOf(views.keySet()));
    DnsView lgwan = views.get("lgwan");
    MXRecord mx = (MXRecord) lgwan.records(name("town-b.lg.jp"), Type.MX).get(0);
    assertEquals(10, mx.getPriority());
    assertEquals(name("mail.town-b.lg.jp"), mx.getTarget());
    assertEquals(List.of(), views.get("internet").records(name("mail.town-b.lg.jp"), Type.A));
    assertEquals(
        "127.10.0.53",
        ((ARecord) lgwan.records(name("ns.lgwan.sim"), Type.A).get(0))
            .getAddress()
            .getHostAddress());
    NSRecord ns = (NSRecord) lgwan.records(Name.root, Type.NS).get(0);
    assertEquals(DnsViewCompiler.serverName("lgwan"), ns.getTarget());
  }

  @Test
  void compile_networkWithoutDnsHasNoView() throws Exception {
    NetworkSpec quiet =
        new NetworkSpec(
            "backbone",
            "backbone",
            jp.lgwansim.relay.net.Cidr.parse("127.30.0.0/16"),
            Optional.empty());
    Topology topology =
        new Topology(
            "t",
            "",
            List.of(TestTopologies.twoNetworks().get(0), quiet),
            TestTopologies.figure1Nodes(),
            List.of(),
            List.of(),
            jp.lgwansim.relay.topology.QueueSettings.DEFAULTS);

    assertEquals(List.of("lgwan"), List.copyOf(DnsViewCompiler.compile(topology).keySet()));
  }

  @Test
  void explicitMx_replacesTheDerivedMxInItsViewOnly() throws Exception {
    Topology topology =
        TestTopologies.figure1(
            List.of(record("town-b.lg.jp", "MX", "10 relay.lgwan.jp", 7, "lgwan")));

    DnsView lgwan = DnsViewCompiler.compile(topology).get("lgwan");
    Message response = lgwan.answer(DnsTestClient.query("town-b.lg.jp", Type.MX));

    List<Record> answer = response.getSection(Section.ANSWER);
    assertEquals(1, answer.size(), "the derived MX is gone");
    assertEquals(name("relay.lgwan.jp"), ((MXRecord) answer.get(0)).getTarget());
    assertEquals(
        "127.10.0.10",
        ((ARecord) response.getSection(Section.ADDITIONAL).get(0)).getAddress().getHostAddress());
  }

  @Test
  void nullMx_isAccepted() throws Exception {
    Topology topology = TestTopologies.figure1(List.of(record("city-a.lg.jp", "MX", "0 .", 3)));

    DnsView lgwan = DnsViewCompiler.compile(topology).get("lgwan");

    assertEquals(
        Name.root, ((MXRecord) lgwan.records(name("city-a.lg.jp"), Type.MX).get(0)).getTarget());
  }

  @Test
  void badRecords_areAllReportedWithLineKeyAndFixInBothLanguages() {
    Topology topology =
        TestTopologies.figure1(
            List.of(
                record("town-b.lg.jp", "MX", "ten relay.lgwan.jp.", 7),
                record("town-b.lg.jp", "MXX", "10 relay.lgwan.jp.", 8),
                record("city-a.lg.jp", "MX", "10 nowhere.lgwan.jp.", 9, "lgwan"),
                record("extra.lg.jp", "A", "127.10.9.9", 10, "moon"),
                record("mail.city-a.lg.jp", "CNAME", "relay.lgwan.jp.", 11, "lgwan"),
                record("town-b.lg.jp", "SOA", "ns. admin. 1 2 3 4 5", 12, "lgwan")));

    DnsCompileException e =
        assertThrows(DnsCompileException.class, () -> DnsViewCompiler.compile(topology));

    Map<Integer, String> keyByLine =
        e.problems().stream().collect(Collectors.toMap(DnsProblem::line, DnsProblem::key));
    assertEquals(
        Map.of(
            7, "records.data",
            8, "records.type",
            9, "records.data",
            10, "records.views",
            11, "records.type",
            12, "records.type"),
        keyByLine);
    DnsProblem noAddress = e.problems().stream().filter(p -> p.line() == 9).findFirst().get();
    assertTrue(noAddress.message().ja().contains("アドレスがありません"), noAddress.toString());
    assertTrue(
        noAddress.message().en().contains("nowhere.lgwan.jp. of city-a.lg.jp has no address"));
    assertTrue(noAddress.fix().en().contains("add an A record"));
    assertTrue(e.getMessage().startsWith("DNSの設定に誤りがあります / "), e.getMessage());
  }

  @Test
  void zoneFile_isServedWithItsOwnSoaBesideDerivedRecords() throws Exception {
    Path file =
        write(
            "pref-c.zone",
            "$TTL 300",
            "@    IN SOA ns1.pref-c.lg.jp. admin.pref-c.lg.jp. 2024010101 3600 600 604800 120",
            "@    IN NS  ns1.pref-c.lg.jp.",
            "ns1  IN A   127.10.3.53",
            "@    IN MX  20 mail.pref-c.lg.jp.",
            "mail IN A   127.10.3.1");
    Topology topology =
        new Topology(
            "t",
            "",
            TestTopologies.twoNetworks(),
            List.of(
                TestTopologies.node(
                    "pref-c",
                    "relay.pref-c.lg.jp",
                    Map.of("lgwan", "127.10.3.2"),
                    List.of("sub.pref-c.lg.jp"))),
            List.of(),
            List.of(new ZoneFileSpec(file, "pref-c.lg.jp", List.of("lgwan"))),
            jp.lgwansim.relay.topology.QueueSettings.DEFAULTS);

    Map<String, DnsView> views = DnsViewCompiler.compile(topology);
    DnsView lgwan = views.get("lgwan");

    assertEquals(List.of(Name.root, name("pref-c.lg.jp")), lgwan.origins());
    Message mx = lgwan.answer(DnsTestClient.query("pref-c.lg.jp", Type.MX));
    assertTrue(mx.getHeader().getFlag(Flags.AA));
    assertEquals(20, ((MXRecord) mx.getSection(Section.ANSWER).get(0)).getPriority());
    Message derived = lgwan.answer(DnsTestClient.query("sub.pref-c.lg.jp", Type.MX));
    assertEquals(1, derived.getSection(Section.ANSWER).size(), "derived MX joins the file's zone");
    Message missing = lgwan.answer(DnsTestClient.query("nosuch.pref-c.lg.jp", Type.A));
    assertEquals(Rcode.NXDOMAIN, missing.getRcode());
    SOARecord soa = (SOARecord) missing.getSection(Section.AUTHORITY).get(0);
    assertEquals(name("pref-c.lg.jp"), soa.getName());
    assertEquals(120, soa.getTTL(), "negative TTL capped at the SOA minimum");
    assertFalse(views.get("internet").origins().contains(name("pref-c.lg.jp")));
  }

  @Test
  void brokenZoneFile_namesTheFileAndLine() throws Exception {
    Path file =
        write(
            "broken.zone",
            "$TTL 300",
            "@    IN SOA ns1.x.lg.jp. admin.x.lg.jp. 1 3600 600 604800 120",
            "@    IN NS  ns1.x.lg.jp.",
            "ns1  IN A   not-an-address");
    Topology topology =
        TestTopologies.figure1(List.of(), List.of(new ZoneFileSpec(file, "x.lg.jp", List.of())));

    DnsCompileException e =
        assertThrows(DnsCompileException.class, () -> DnsViewCompiler.compile(topology));

    DnsProblem problem = e.problems().get(0);
    assertEquals(Optional.of(file), problem.zoneFile());
    assertEquals(4, problem.line(), problem.toString());
    assertEquals("zone-files.file", problem.key());
  }

  @Test
  void delegationNs_canBeRemovedAtRunTime() throws Exception {
    Topology topology =
        TestTopologies.figure1(List.of(record("pref-x.lg.jp", "NS", "ns.lgwan.sim.", 3, "lgwan")));
    DnsView lgwan = DnsViewCompiler.compile(topology).get("lgwan");
    assertFalse(
        lgwan.answer(DnsTestClient.query("pref-x.lg.jp", Type.A)).getHeader().getFlag(Flags.AA));

    lgwan.removeRRset(name("pref-x.lg.jp"), Type.NS);

    Message after = lgwan.answer(DnsTestClient.query("pref-x.lg.jp", Type.A));
    assertEquals(Rcode.NXDOMAIN, after.getRcode());
    assertTrue(after.getHeader().getFlag(Flags.AA));
    assertEquals(1, lgwan.records(name("mail.town-b.lg.jp"), Type.A).size(), "the rest stays");
    assertThrows(IllegalArgumentException.class, () -> lgwan.removeRRset(Name.root, Type.SOA));
  }

  private Path write(String fileName, String... lines) throws Exception {
    Path file = dir.resolve(fileName);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static Name name(String text) throws Exception {
    return Name.fromString(text, Name.root);
  }
}
