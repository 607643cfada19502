package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.api.TopologyDocument;
import jp.lgwansim.sim.doctor.Check;
import jp.lgwansim.sim.doctor.DnsDoctor;
import jp.lgwansim.sim.registry.RegistryServices;
import jp.lgwansim.sim.topology.TopologyFile;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when", on topologies/dns-admin.yaml moved to 127.70/127.71: Internet mail
 * reaches B町 through the registry's delegation; moving B町's name server without filing the
 * application breaks it (stale glue, traced); filing it through J-LIS mends it.
 */
class DnsAdminJourneyTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;
  Simulation sim;
  TraceRecorder trace;

  /** The shipped dns-admin topology on fresh loopback ranges, so it never clashes with a run. */
  static TopologyFile topology(Path dir) throws Exception {
    String yaml =
        Files.readString(Path.of("..", "topologies", "dns-admin.yaml"))
            .replace("127.50.", "127.70.")
            .replace("127.51.", "127.71.");
    Path file = dir.resolve("dns-admin.yaml");
    Files.writeString(file, yaml);
    return TopologyLoader.loadFile(file);
  }

  @BeforeEach
  void start() throws Exception {
    TopologyFile file = topology(dir);
    sim =
        Simulation.start(
            file.topology(), file.registry(), Optional.empty(), Cluster.Options::defaults);
    trace = new TraceRecorder(sim.trace());
  }

  @AfterEach
  void stop() {
    trace.close();
    sim.close();
  }

  @Test
  void internetMail_followsTheDelegationToTownBsOwnDns_andArrives() throws Exception {
    String id = sendFromIsp();
    trace.await(
        "delivered", e -> e.type() == TraceType.DELIVERED && e.messageId().equals(id), DEADLINE);
    trace.await(
        "the resolver's answer from ns.town-b.lg.jp",
        e ->
            e.node().equals("internet")
                && e.attribute("outcome").equals("answer")
                && e.attribute("server").startsWith("127.71.2.53:"),
        DEADLINE);
  }

  @Test
  void nsChange_withoutApplication_breaksInternetMail_andFilingMendsIt() throws Exception {
    RegistryServices registry = sim.registry().orElseThrow();
    InetAddress moved = InetAddress.getByName("127.71.2.54");

    RegistryServices.Applied applied =
        registry.changeNameServer(
            "town-b.lg.jp", "ns.town-b.lg.jp", Optional.empty(), Optional.of(moved), false);
    assertTrue(applied.verdict().applicationRequired());
    assertTrue(applied.verdict().via().contains("J-LIS"), applied.verdict().via());

    String id = sendFromIsp();
    trace.await(
        "deferred for want of DNS",
        e -> e.type() == TraceType.DEFERRED && e.messageId().equals(id),
        DEADLINE);
    trace.await(
        "the resolver finds nobody at the stale glue",
        e ->
            e.node().equals("internet")
                && e.attribute("outcome").equals("no_answer")
                && e.attribute("server").startsWith("127.71.2.53:"),
        DEADLINE);
    assertTrue(whois("town-b.lg.jp").contains("ns.town-b.lg.jp"));

    registry.changeNameServer(
        "town-b.lg.jp", "ns.town-b.lg.jp", Optional.empty(), Optional.of(moved), true);
    assertEquals(
        Optional.of(moved),
        registry.registry().domain("town-b.lg.jp").orElseThrow().nameServers().get(0).glue());
    sim.control().flush("isp");
    trace.await(
        "delivered after filing",
        e -> e.type() == TraceType.DELIVERED && e.messageId().equals(id),
        DEADLINE);
  }

  @Test
  void nsHostNameChange_withoutApplication_leavesTheRegistryAsItWas() throws Exception {
    RegistryServices registry = sim.registry().orElseThrow();
    RegistryServices.Applied applied =
        registry.changeNameServer(
            "town-b.lg.jp",
            "ns.town-b.lg.jp",
            Optional.of("dns1.town-b.lg.jp"),
            Optional.empty(),
            false);
    assertTrue(applied.verdict().applicationRequired(), "Table 1: always an application");
    String whois = whois("town-b.lg.jp");
    assertTrue(whois.contains("ns.town-b.lg.jp"), whois);
    assertFalse(whois.contains("dns1.town-b.lg.jp"), whois);
  }

  @Test
  void nsHostNameChange_filed_showsTheNewNameInWhois_andInternetMailStillArrives()
      throws Exception {
    RegistryServices registry = sim.registry().orElseThrow();
    registry.changeNameServer(
        "town-b.lg.jp",
        "ns.town-b.lg.jp",
        Optional.of("dns1.town-b.lg.jp"),
        Optional.empty(),
        true);
    String whois = whois("town-b.lg.jp");
    assertTrue(whois.contains("dns1.town-b.lg.jp"), whois);
    String id = sendFromIsp();
    trace.await(
        "delivered through the renamed name server",
        e -> e.type() == TraceType.DELIVERED && e.messageId().equals(id),
        DEADLINE);
  }

  @Test
  void check_passesOnTheShippedTopology_andReportsTheStaleGlueUntilFiled() throws Exception {
    assertTrue(failures().isEmpty(), failures().toString());

    RegistryServices registry = sim.registry().orElseThrow();
    InetAddress moved = InetAddress.getByName("127.71.2.54");
    registry.changeNameServer(
        "town-b.lg.jp", "ns.town-b.lg.jp", Optional.empty(), Optional.of(moved), false);
    java.util.List<Check> failed = failures();
    assertTrue(
        failed.stream().anyMatch(c -> c.check().equals("ns-answers") && c.ja().contains("グルー")),
        failed.toString());
    assertTrue(failed.stream().anyMatch(c -> c.check().equals("internet-mx")), failed.toString());

    registry.changeNameServer(
        "town-b.lg.jp", "ns.town-b.lg.jp", Optional.empty(), Optional.of(moved), true);
    assertTrue(failures().isEmpty(), failures().toString());
  }

  @Test
  void check_reportsMissingMxInTheLgwanView_withTheArticlesWords() throws Exception {
    sim.control()
        .removeDnsRecords(
            "lgwan", org.xbill.DNS.Name.fromString("town-b.lg.jp."), org.xbill.DNS.Type.MX);
    Check mx =
        failures().stream().filter(c -> c.check().equals("lgwan-mx")).findFirst().orElseThrow();
    assertTrue(mx.ja().contains("MXレコードが表示されない場合、DNSは正しく構成されていません"), mx.ja());
  }

  private java.util.List<Check> failures() {
    JsonNode doc = new ObjectMapper().valueToTree(TopologyDocument.of(sim));
    return DnsDoctor.run(doc).stream().filter(c -> !c.ok()).toList();
  }

  @Test
  void whois_answersLikeJprs_withNameServers_andNoMatchForStrangers() throws Exception {
    String answer = whois("town-b.lg.jp");
    assertTrue(answer.contains("a. [ドメイン名]"), answer);
    assertTrue(answer.contains("TOWN-B.LG.JP"), answer);
    assertTrue(answer.contains("p. [ネームサーバ]"), answer);
    assertTrue(answer.contains("ns.town-b.lg.jp"), answer);
    assertTrue(answer.contains("J-LIS"), answer);
    assertTrue(whois("town-b.lg.jp/e").contains("p. [Name Server]"));
    assertTrue(whois("nowhere.lg.jp").contains("No match!!"));
    assertFalse(whois("nowhere.lg.jp").contains("[ネームサーバ]"));
  }

  @Test
  void debianWhoisClient_showsTheRegisteredNameServers() throws Exception {
    InetSocketAddress at = sim.registry().orElseThrow().whoisEndpoint();
    ExternalTool.Result r =
        ExternalTool.run(
            "whois",
            "-h",
            at.getAddress().getHostAddress(),
            "-p",
            Integer.toString(at.getPort()),
            "town-b.lg.jp");
    assertTrue(r.output().contains("ns.town-b.lg.jp"), r.output());
  }

  @Test
  void dig_atTheInternetResolver_showsTheMxAndTheDelegation() throws Exception {
    InetSocketAddress dns = sim.dnsEndpoints().get("internet");
    String host = dns.getAddress().getHostAddress();
    String port = Integer.toString(dns.getPort());
    ExternalTool.Result mx =
        ExternalTool.run("dig", "-p", port, "@" + host, "+short", "town-b.lg.jp", "MX");
    assertTrue(mx.output().contains("10 mail.town-b.lg.jp."), mx.output());
    ExternalTool.Result ns =
        ExternalTool.run("dig", "-p", port, "@" + host, "+norec", "town-b.lg.jp", "NS");
    assertTrue(ns.output().contains("ns.town-b.lg.jp."), ns.output());
    assertTrue(ns.output().contains("127.71.2.53"), ns.output());
  }

  private String whois(String query) throws Exception {
    InetSocketAddress at = sim.registry().orElseThrow().whoisEndpoint();
    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write((query + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
          .lines()
          .collect(Collectors.joining("\n"));
    }
  }

  private String sendFromIsp() throws Exception {
    String messageId = UUID.randomUUID() + "@isp.example.jp";
    Session session = Session.getInstance(new Properties());
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("jumin@isp.example.jp"));
    m.addRecipient(Message.RecipientType.TO, new InternetAddress("hanako@town-b.lg.jp"));
    m.setSubject("住民からの問い合わせ", "UTF-8");
    m.setText("本文 body", "UTF-8");
    m.saveChanges();
    m.setHeader("Message-ID", "<" + messageId + ">");
    InetSocketAddress at = sim.smtpEndpoint("isp", "internet");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(at.getAddress().getHostAddress(), at.getPort(), null, null);
      t.sendMessage(m, m.getAllRecipients());
    }
    return messageId;
  }
}
