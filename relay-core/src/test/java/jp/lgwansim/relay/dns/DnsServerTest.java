package jp.lgwansim.relay.dns;

import static jp.lgwansim.relay.dns.DnsTestClient.tcp;
import static jp.lgwansim.relay.dns.DnsTestClient.udp;
import static jp.lgwansim.relay.dns.TestTopologies.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.topology.RecordSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** A real server on loopback, asked by dnsjava's SimpleResolver over UDP and TCP. */
class DnsServerTest {
  private static final int BIG_TXT_RECORDS = 20;

  private Map<String, DnsView> views;
  private DnsServer lgwan;
  private DnsServer internet;
  private final BlockingQueue<DnsExchange> exchanges = new LinkedBlockingQueue<>();

  @BeforeEach
  void startServers() throws Exception {
    List<RecordSpec> records = new ArrayList<>();
    records.add(record("www.city-a.lg.jp", "CNAME", "mail.city-a.lg.jp.", 1, "lgwan"));
    records.add(record("city-a.lg.jp", "TXT", "\"v=spf1 mx -all\"", 2, "lgwan"));
    records.add(record("pref-x.lg.jp", "NS", "ns.pref-x.lg.jp.", 3, "lgwan"));
    records.add(record("ns.pref-x.lg.jp", "A", "127.10.9.53", 4, "lgwan"));
    for (int i = 0; i < BIG_TXT_RECORDS; i++) {
      records.add(
          record("big.city-a.lg.jp", "TXT", "\"" + i + "-" + "x".repeat(200) + "\"", 10 + i));
    }
    views = DnsViewCompiler.compile(TestTopologies.figure1(records));
    lgwan = new DnsServer(views.get("lgwan"), DnsTestClient.loopbackAnyPort(), exchanges::add);
    internet = new DnsServer(views.get("internet"), DnsTestClient.loopbackAnyPort());
    lgwan.start();
    internet.start();
  }

  @AfterEach
  void stopServers() {
    lgwan.close();
    internet.close();
  }

  @Test
  void mx_answersAuthoritativelyWithTargetAddressInAdditional() throws Exception {
    Message response = udp(lgwan, "town-b.lg.jp", Type.MX);

    assertEquals(Rcode.NOERROR, response.getRcode());
    assertTrue(response.getHeader().getFlag(Flags.AA), "AA flag");
    assertEquals("town-b.lg.jp.", response.getQuestion().getName().toString());
    MXRecord mx = (MXRecord) response.getSection(Section.ANSWER).get(0);
    assertEquals(10, mx.getPriority());
    assertEquals("mail.town-b.lg.jp.", mx.getTarget().toString());
    ARecord glue = (ARecord) response.getSection(Section.ADDITIONAL).get(0);
    assertEquals("mail.town-b.lg.jp.", glue.getName().toString());
    assertEquals("127.10.2.1", glue.getAddress().getHostAddress());
  }

  @Test
  void a_answersTheNodeAddressOnThatNetwork() throws Exception {
    Message response = udp(lgwan, "relay.lgwan.jp", Type.A);

    assertTrue(response.getHeader().getFlag(Flags.AA));
    ARecord a = (ARecord) response.getSection(Section.ANSWER).get(0);
    assertEquals("127.10.0.10", a.getAddress().getHostAddress());
  }

  @Test
  void unknownName_isNxdomainWithSoaAndAa() throws Exception {
    Message response = udp(lgwan, "nosuch.lg.jp", Type.MX);

    assertEquals(Rcode.NXDOMAIN, response.getRcode());
    assertTrue(response.getHeader().getFlag(Flags.AA));
    SOARecord soa = (SOARecord) response.getSection(Section.AUTHORITY).get(0);
    assertEquals("ns.lgwan.sim.", soa.getHost().toString());
    assertEquals(DnsViewCompiler.NEGATIVE_TTL_SECONDS, soa.getTTL());
  }

  @Test
  void knownNameOtherType_isNodataWithSoa() throws Exception {
    Message response = udp(lgwan, "relay.lgwan.jp", Type.MX);

    assertEquals(Rcode.NOERROR, response.getRcode());
    assertTrue(response.getHeader().getFlag(Flags.AA));
    assertFalse(DnsTestClient.hasAnswers(response));
    assertEquals(Type.SOA, response.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void parentOfExistingNames_isNodataNotNxdomain() throws Exception {
    Message response = udp(lgwan, "lg.jp", Type.A);

    assertEquals(Rcode.NOERROR, response.getRcode(), "lg.jp exists: town-b.lg.jp is under it");
    assertEquals(Type.SOA, response.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void cname_isFollowedToTheAddressInOneAnswer() throws Exception {
    Message response = udp(lgwan, "www.city-a.lg.jp", Type.A);

    List<Record> answer = response.getSection(Section.ANSWER);
    assertEquals(2, answer.size(), response.toString());
    assertEquals("mail.city-a.lg.jp.", ((CNAMERecord) answer.get(0)).getTarget().toString());
    assertEquals("127.10.1.1", ((ARecord) answer.get(1)).getAddress().getHostAddress());
    assertTrue(response.getHeader().getFlag(Flags.AA));
  }

  @Test
  void txt_answersTheStrings() throws Exception {
    Message response = udp(lgwan, "city-a.lg.jp", Type.TXT);

    TXTRecord txt = (TXTRecord) response.getSection(Section.ANSWER).get(0);
    assertEquals(List.of("v=spf1 mx -all"), txt.getStrings());
  }

  @Test
  void nsBelowApex_isAReferralWithGlueAndNoAa() throws Exception {
    Message response = udp(lgwan, "mail.pref-x.lg.jp", Type.MX);

    assertEquals(Rcode.NOERROR, response.getRcode());
    assertFalse(response.getHeader().getFlag(Flags.AA), "a referral is not authoritative");
    assertFalse(DnsTestClient.hasAnswers(response));
    NSRecord ns = (NSRecord) response.getSection(Section.AUTHORITY).get(0);
    assertEquals("ns.pref-x.lg.jp.", ns.getTarget().toString());
    ARecord glue = (ARecord) response.getSection(Section.ADDITIONAL).get(0);
    assertEquals("127.10.9.53", glue.getAddress().getHostAddress());
  }

  @Test
  void sameName_getsEachNetworksAddressFromItsOwnView() throws Exception {
    ARecord onLgwan = (ARecord) udp(lgwan, "gw.lgwan.jp", Type.A).getSection(Section.ANSWER).get(0);
    ARecord onInternet =
        (ARecord) udp(internet, "gw.lgwan.jp", Type.A).getSection(Section.ANSWER).get(0);

    assertEquals("127.10.0.20", onLgwan.getAddress().getHostAddress());
    assertEquals("127.20.0.20", onInternet.getAddress().getHostAddress());
    assertEquals(
        Rcode.NXDOMAIN,
        udp(internet, "town-b.lg.jp", Type.MX).getRcode(),
        "LG.JP mail domains are not on the Internet's DNS");
  }

  @Test
  void bigAnswer_isTruncatedOnUdpAndWholeOnTcp() throws Exception {
    Message overUdp = udp(lgwan, "big.city-a.lg.jp", Type.TXT);
    Message overTcp = tcp(lgwan, "big.city-a.lg.jp", Type.TXT);

    assertTrue(overUdp.getHeader().getFlag(Flags.TC), "TC on UDP");
    assertTrue(DnsTestClient.count(overUdp, Section.ANSWER) < BIG_TXT_RECORDS);
    assertFalse(overTcp.getHeader().getFlag(Flags.TC), "no TC on TCP");
    assertEquals(BIG_TXT_RECORDS, DnsTestClient.count(overTcp, Section.ANSWER));
  }

  @Test
  void clientWithoutEdns_getsAtMost512BytesOverUdp() throws Exception {
    SimpleResolver plain = DnsTestClient.resolver(lgwan, false);
    plain.setEDNS(null);

    Message response = plain.send(DnsTestClient.query("big.city-a.lg.jp", Type.TXT));

    assertTrue(response.getHeader().getFlag(Flags.TC));
    assertTrue(response.numBytes() <= 512, "size " + response.numBytes());
  }

  @Test
  void ednsClient_getsOptBackWithOurPayloadSize() throws Exception {
    Message response = udp(lgwan, "town-b.lg.jp", Type.MX);

    OPTRecord opt = response.getOPT();
    assertNotNull(opt, "EDNS answered with EDNS");
    assertEquals(WireResponder.MAX_UDP_PAYLOAD, opt.getPayloadSize());
  }

  @Test
  void tcp_answersSeveralQueriesAndMx() throws Exception {
    Message response = tcp(lgwan, "town-b.lg.jp", Type.MX);

    assertTrue(response.getHeader().getFlag(Flags.AA));
    assertEquals(Type.MX, response.getSection(Section.ANSWER).get(0).getType());
    assertEquals(Rcode.NXDOMAIN, tcp(lgwan, "nosuch.lg.jp", Type.A).getRcode());
  }

  @Test
  void garbage_doesNotStopTheServer() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0, lgwan.address().getAddress())) {
      socket.setSoTimeout(5_000);
      byte[] tooShort = {1, 2, 3};
      socket.send(new DatagramPacket(tooShort, tooShort.length, lgwan.address()));
      byte[] junk = new byte[40];
      junk[0] = 0x12; // ID 0x1234, QR clear, then counts that promise records which are not there
      junk[1] = 0x34;
      junk[5] = 9;
      for (int i = 12; i < junk.length; i++) {
        junk[i] = (byte) 0xC0; // compression pointers to nowhere
      }
      socket.send(new DatagramPacket(junk, junk.length, lgwan.address()));

      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      socket.receive(reply);
      Message formerr = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertEquals(0x1234, formerr.getHeader().getID());
      assertEquals(Rcode.FORMERR, formerr.getRcode());
    }
    try (Socket socket = new Socket(lgwan.address().getAddress(), lgwan.port())) {
      socket.getOutputStream().write(new byte[] {0, 5, 1, 2, 3, 4, 5}); // a 5-byte "message"
      socket.getOutputStream().flush();
      assertEquals(-1, socket.getInputStream().read(), "closed, not answered");
    }

    Message response = udp(lgwan, "town-b.lg.jp", Type.MX);
    assertEquals(Rcode.NOERROR, response.getRcode());
    assertTrue(DnsTestClient.hasAnswers(response));
  }

  @Test
  void runtimeEdits_areAnsweredAtOnce() throws Exception {
    DnsView view = views.get("lgwan");
    Name name = Name.fromString("new.lg.jp.");
    Record a = new ARecord(name, DClass.IN, 300, java.net.InetAddress.getByName("127.10.5.5"));

    view.addRecord(a);
    assertEquals(
        "127.10.5.5",
        ((ARecord) udp(lgwan, "new.lg.jp", Type.A).getSection(Section.ANSWER).get(0))
            .getAddress()
            .getHostAddress());
    assertEquals(List.of(a), view.records(name, Type.A));

    view.removeRecord(a);
    assertEquals(Rcode.NXDOMAIN, udp(lgwan, "new.lg.jp", Type.A).getRcode());

    Name townB = Name.fromString("town-b.lg.jp.");
    view.removeRRset(townB, Type.MX);
    Message noMx = udp(lgwan, "town-b.lg.jp", Type.MX);
    assertEquals(Rcode.NOERROR, noMx.getRcode(), "mail.town-b.lg.jp still exists below it");
    assertFalse(DnsTestClient.hasAnswers(noMx), "no MX any more");
  }

  @Test
  void listener_seesEveryAnsweredQuestion() throws Exception {
    udp(lgwan, "town-b.lg.jp", Type.MX);
    tcp(lgwan, "nosuch.lg.jp", Type.A);

    DnsExchange first = exchanges.poll(5, TimeUnit.SECONDS);
    DnsExchange second = exchanges.poll(5, TimeUnit.SECONDS);
    assertNotNull(first);
    assertNotNull(second);
    assertEquals("lgwan", first.view());
    assertEquals("town-b.lg.jp.", first.name().toString());
    assertEquals("MX", first.typeName());
    assertEquals("NOERROR", first.rcodeName());
    assertEquals(DnsExchange.Transport.UDP, first.transport());
    assertEquals("NXDOMAIN", second.rcodeName());
    assertEquals(DnsExchange.Transport.TCP, second.transport());
    assertEquals(2, lgwan.queryCount());
  }

  @Test
  void nameOutsideEveryZone_isRefused() throws Exception {
    DnsView onlyOneZone =
        new DnsView(
            "tiny",
            List.of(
                new org.xbill.DNS.Zone(
                    Name.fromString("example.jp."),
                    new Record[] {
                      Record.fromString(
                          Name.fromString("example.jp."),
                          Type.SOA,
                          DClass.IN,
                          300,
                          "ns.example.jp. admin.example.jp. 1 3600 600 86400 60",
                          Name.root),
                      Record.fromString(
                          Name.fromString("example.jp."),
                          Type.NS,
                          DClass.IN,
                          300,
                          "ns.example.jp.",
                          Name.root)
                    })));
    try (DnsServer server = new DnsServer(onlyOneZone, DnsTestClient.loopbackAnyPort())) {
      server.start();

      Message response = udp(server, "town-b.lg.jp", Type.MX);

      assertEquals(Rcode.REFUSED, response.getRcode());
      assertFalse(response.getHeader().getFlag(Flags.AA));
    }
  }
}
