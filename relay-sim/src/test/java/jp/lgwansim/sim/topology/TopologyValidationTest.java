package jp.lgwansim.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.lgwansim.relay.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per validation rule: a small valid file with one mistake put in, and the problem a user
 * would read: its line, its key, and the text in both languages.
 */
class TopologyValidationTest {

  /**
   * A valid file; tests change or add lines at known line numbers (1-based, shown on the right).
   */
  private static final String VALID =
      """
      name: t
      networks:
        - name: lgwan
          cidr: 127.10.0.0/16
          dns: { address: 127.10.0.53 }
      nodes:
        - id: a
          role: municipality
          hostname: mail.a.lg.jp
          addresses: { lgwan: 127.10.1.1 }
          domains: [a.lg.jp]
          mailboxes:
            - { address: taro@a.lg.jp, password: p }
        - id: b
          role: municipality
          hostname: mail.b.lg.jp
          addresses: { lgwan: 127.10.2.1 }
          domains: [b.lg.jp]
      """;

  @TempDir Path dir;

  @Test
  void load_validBase_loads() throws IOException {
    Topology t = TopologyLoader.load(write(VALID));
    assertEquals(2, t.nodes().size());
  }

  // --- shape of the file ----------------------------------------------------------------------

  @Test
  void load_yamlSyntaxError_namesTheLine() throws IOException {
    List<TopologyProblem> p = problems(replace(9, "    hostname: [mail.a.lg.jp"));
    assertOnly(p, 10, "", "YAML の構文エラー", "YAML syntax error");
  }

  @Test
  void load_unknownKeyWithTypo_suggestsTheClosestKey() throws IOException {
    List<TopologyProblem> p = problems(replace(9, "    hostnme: mail.a.lg.jp"));
    TopologyProblem unknown = find(p, 9, "nodes[0].hostnme", "不明なキー", "unknown key");
    assertTrue(unknown.fixEn().contains("did you mean 'hostname'?"), unknown.toString());
    assertTrue(unknown.fixJa().contains("「hostname」のことですか"), unknown.toString());
    // The hostname is then missing as well: reported once, where the node starts.
    find(p, 7, "nodes[0].hostname", "必須のキー", "required key");
  }

  @Test
  void load_keyAtTheWrongLevel_suggestsWhereItBelongs() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    smarthost: \"[mail.b.lg.jp]\""));
    TopologyProblem unknown = assertOnly(p, 10, "nodes[0].smarthost", "不明なキー", "unknown key");
    assertTrue(unknown.fixEn().contains("did you mean 'delivery.smarthost'?"), unknown.toString());
  }

  @Test
  void load_missingRequiredKey_isReportedWhereItsMappingStarts() throws IOException {
    List<TopologyProblem> p = problems(remove(9));
    assertOnly(p, 7, "nodes[0].hostname", "必須のキー「hostname」がありません", "required key 'hostname'");
  }

  @Test
  void load_wrongType_saysWhatWasExpected() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    smtp_port: twenty-five"));
    assertOnly(p, 10, "nodes[0].smtp_port", "port を書きます", "expected port here");
  }

  @Test
  void load_mappingWhereAListBelongs_isAWrongType() throws IOException {
    List<TopologyProblem> p = problems(replace(11, "    domains: { a.lg.jp: 1 }"));
    find(p, 11, "nodes[0].domains", "list", "expected list");
  }

  @Test
  void load_sameKeyTwice_isReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    hostname: mail.c.lg.jp"));
    assertOnly(p, 10, "nodes[0].hostname", "2 回あります (最初は 9 行目)", "appears twice");
  }

  @Test
  void load_portOutOfRange_isReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    smtp_port: 70000"));
    assertOnly(p, 10, "nodes[0].smtp_port", "範囲外", "out of range (1-65535)");
  }

  @Test
  void load_smtpAndImapOnTheSamePort_isReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    imap_port: 2525"));
    assertOnly(p, 10, "nodes[0].imap_port", "同じポート 2525", "the same port 2525");
  }

  // --- networks -------------------------------------------------------------------------------

  @Test
  void load_duplicateNetworkName_isReportedAtTheSecond() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(5, "  - { name: lgwan, cidr: 127.20.0.0/16 }"));
    assertOnly(p, 6, "networks[1].name", "ネットワーク名 lgwan が 2 回", "network name lgwan is used twice");
  }

  @Test
  void load_cidrOutsideLoopback_isRefused() throws IOException {
    List<TopologyProblem> p = problems(replace(4, "    cidr: 10.0.0.0/8"));
    assertOnly(p, 4, "networks[0].cidr", "127.0.0.0/8 の外", "not inside 127.0.0.0/8");
  }

  @Test
  void load_overlappingRanges_areReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(5, "  - { name: gss, cidr: 127.10.128.0/17 }"));
    assertOnly(p, 6, "networks[1].cidr", "重なっています", "overlaps lgwan's range 127.10.0.0/16");
  }

  @Test
  void load_dnsServerOutsideItsNetwork_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(5, "    dns: { address: 127.11.0.53 }"));
    assertOnly(
        p, 5, "networks[0].dns.address", "範囲 127.10.0.0/16 の外", "outside the network's range");
  }

  // --- nodes ----------------------------------------------------------------------------------

  @Test
  void load_duplicateNodeId_isReportedAtTheSecond() throws IOException {
    List<TopologyProblem> p = problems(replace(14, "  - id: a"));
    assertOnly(p, 14, "nodes[1].id", "ノード ID a が 2 回", "node id a is used twice (first at line 7");
  }

  @Test
  void load_addressOutsideItsNetwork_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(10, "    addresses: { lgwan: 127.20.1.1 }"));
    assertOnly(
        p, 10, "nodes[0].addresses[lgwan]", "範囲 127.10.0.0/16 の外", "is outside lgwan's range");
  }

  @Test
  void load_addressOnAnUnknownNetwork_listsTheKnownOnes() throws IOException {
    List<TopologyProblem> p = problems(replace(10, "    addresses: { lgwn: 127.10.1.1 }"));
    TopologyProblem problem =
        assertOnly(p, 10, "nodes[0].addresses[lgwn]", "networks にありません", "not declared");
    assertTrue(problem.fixEn().contains("lgwan"), problem.toString());
  }

  @Test
  void load_addressUsedByTwoNodes_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(17, "    addresses: { lgwan: 127.10.1.1 }"));
    assertOnly(p, 17, "nodes[1].addresses[lgwan]", "アドレス 127.10.1.1 が 2 回", "used twice");
  }

  @Test
  void load_nodeOnTheDnsServersAddress_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(10, "    addresses: { lgwan: 127.10.0.53 }"));
    TopologyProblem problem =
        assertOnly(p, 10, "nodes[0].addresses[lgwan]", "2 回", "address 127.10.0.53 is used twice");
    assertTrue(problem.messageEn().contains("networks[0].dns.address"), problem.toString());
  }

  @Test
  void load_unknownRole_listsTheValidRoles() throws IOException {
    List<TopologyProblem> p = problems(replace(8, "    role: city"));
    TopologyProblem problem =
        assertOnly(p, 8, "nodes[0].role", "不明な役割「city」", "unknown role 'city'");
    assertTrue(
        problem.fixEn().contains("municipality, prefecture, lgwan-relay, poi"), problem.fixEn());
  }

  @Test
  void load_invalidHostname_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(9, "    hostname: mail_a..lg.jp"));
    assertOnly(p, 9, "nodes[0].hostname", "正しい DNS 名ではありません", "not a valid DNS name");
  }

  // --- delivery and next hops -------------------------------------------------------------

  @Test
  void load_unknownDeliveryMode_isReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    delivery: { mode: smart }"));
    assertOnly(p, 10, "nodes[0].delivery.mode", "不明な配送方式", "unknown delivery mode 'smart'");
  }

  @Test
  void load_staticWithoutSmarthost_isReported() throws IOException {
    List<TopologyProblem> p = problems(insertAfter(9, "    delivery: { mode: static }"));
    assertOnly(p, 10, "nodes[0].delivery.mode", "smarthost が必要", "needs a smarthost");
  }

  @Test
  void load_mxWithSmarthost_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(insertAfter(9, "    delivery: { mode: mx, smarthost: \"[mail.b.lg.jp]\" }"));
    assertOnly(
        p, 10, "nodes[0].delivery.smarthost", "smarthost は使われません", "does not use a smarthost");
  }

  @Test
  void load_smarthostNamingNoNode_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(
            insertAfter(9, "    delivery: { mode: static, smarthost: \"[smtp.poi.lgwan.jp]\" }"));
    TopologyProblem problem =
        assertOnly(
            p,
            10,
            "nodes[0].delivery.smarthost",
            "どのノードのホスト名でもなく",
            "next hop smtp.poi.lgwan.jp is no node's hostname");
    assertTrue(problem.fixEn().contains("mail.b.lg.jp"), problem.fixEn());
  }

  @Test
  void load_transportNamingNoNode_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(insertAfter(9, "    transport: { c.lg.jp: \"nowhere.lg.jp:25\" }"));
    assertOnly(p, 10, "nodes[0].transport[c.lg.jp]", "中継先 nowhere.lg.jp", "next hop nowhere.lg.jp");
  }

  @Test
  void load_nextHopInEveryPostfixForm_isAccepted() throws IOException {
    String yaml =
        insertAfter(
            9,
            "    delivery: { mode: static, smarthost: \"[mail.b.lg.jp]:2525\" }",
            "    transport:",
            "      b.lg.jp: mail.b.lg.jp",
            "      c.lg.jp: \"[mail.b.lg.jp]\"",
            "      d.lg.jp: \"mail.b.lg.jp:2525\"",
            "      e.lg.jp: \"[gw.lgwan.jp]\"",
            "      f.lg.jp: mx-only.lg.jp");
    yaml +=
        """
        dns:
          records:
            - { name: gw.lgwan.jp, type: A, data: 127.10.0.99 }
            - { name: mx-only.lg.jp, type: MX, data: "10 mail.b.lg.jp." }
        """;
    Topology t = TopologyLoader.load(write(yaml));
    assertEquals("[mail.b.lg.jp]:2525", t.node("a").orElseThrow().delivery().smarthost().get());
    assertEquals(5, t.node("a").orElseThrow().transport().size());
  }

  @Test
  void load_bracketedNextHopWithOnlyAnMx_isReported() throws IOException {
    String yaml = insertAfter(9, "    transport: { c.lg.jp: \"[mx-only.lg.jp]\" }");
    yaml +=
        """
        dns:
          records:
            - { name: mx-only.lg.jp, type: MX, data: "10 mail.b.lg.jp." }
        """;
    List<TopologyProblem> p = problems(yaml);
    assertOnly(p, 10, "nodes[0].transport[c.lg.jp]", "A レコードもありません", "has no A record");
  }

  @Test
  void load_malformedNextHop_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(
            insertAfter(9, "    delivery: { mode: static, smarthost: \"[mail.b.lg.jp:99999\" }"));
    assertOnly(p, 10, "nodes[0].delivery.smarthost", "中継先として読めません", "is not a next hop");
  }

  // --- domains and mailboxes ------------------------------------------------------------------

  @Test
  void load_domainClaimedByTwoNodes_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(18, "    domains: [a.lg.jp]"));
    assertOnly(
        p, 18, "nodes[1].domains[0]", "最終配送先になっています", "is also claimed by nodes[0].domains[0]");
  }

  @Test
  void load_mailboxOutsideTheNodesDomains_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(replace(13, "      - { address: taro@b.lg.jp, password: p }"));
    assertOnly(
        p, 13, "nodes[0].mailboxes[0].address", "domains にありません", "not one of this node's domains");
  }

  @Test
  void load_mailboxWithoutPassword_isReported() throws IOException {
    List<TopologyProblem> p = problems(replace(13, "      - { address: taro@a.lg.jp }"));
    assertOnly(
        p, 13, "nodes[0].mailboxes[0].password", "「password」がありません", "'password' is missing");
  }

  @Test
  void load_sameMailboxTwice_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(insertAfter(13, "      - { address: Taro@a.lg.jp, password: q }"));
    assertOnly(
        p, 14, "nodes[0].mailboxes[1].address", "メールボックス Taro@a.lg.jp が 2 回", "is used twice");
  }

  // --- dns ------------------------------------------------------------------------------------

  @Test
  void load_unsupportedRecordType_listsTheSupportedOnes() throws IOException {
    List<TopologyProblem> p =
        problems(VALID + "dns:\n  records:\n    - { name: a.lg.jp, type: AAAA, data: \"::1\" }\n");
    TopologyProblem problem =
        assertOnly(p, 21, "dns.records[0].type", "「AAAA」は使えません", "'AAAA' is not supported");
    assertTrue(problem.fixEn().contains("A, MX, NS, SOA, CNAME, TXT"), problem.fixEn());
  }

  @Test
  void load_mxTargetWithoutAddress_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(
            VALID
                + "dns:\n  records:\n    - { name: a.lg.jp, type: MX, data: \"10 nowhere.lg.jp.\" }\n");
    assertOnly(p, 21, "dns.records[0].data", "MX の宛先 nowhere.lg.jp にアドレスがありません", "has no address");
  }

  @Test
  void load_mxTargetWithAnARecordOrNullMx_isAccepted() throws IOException {
    Topology t =
        TopologyLoader.load(
            write(
                VALID
                    + """
                    dns:
                      records:
                        - { name: a.lg.jp, type: MX, data: "10 relay.lgwan.jp.", views: [lgwan] }
                        - { name: relay.lgwan.jp, type: A, data: 127.10.0.10 }
                        - { name: nomail.lg.jp, type: MX, data: "0 ." }
                    """));
    assertEquals(3, t.records().size());
  }

  @Test
  void load_recordViewNamingNoNetwork_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(
            VALID
                + "dns:\n  records:\n    - { name: x.lg.jp, type: A, data: 127.10.9.9, views: [lgwam] }\n");
    assertOnly(p, 21, "dns.records[0].views[0]", "ビュー「lgwam」", "view 'lgwam' names no network");
  }

  @Test
  void load_missingZoneFile_isReportedRelativeToTheTopology() throws IOException {
    List<TopologyProblem> p =
        problems(VALID + "dns:\n  zone_files:\n    - { file: extra.zone, origin: a.lg.jp }\n");
    TopologyProblem problem =
        assertOnly(p, 21, "dns.zone_files[0].file", "ゾーンファイル", "does not exist");
    assertTrue(
        problem.messageEn().contains(dir.resolve("extra.zone").toString()), problem.toString());
  }

  @Test
  void load_zoneFileNextToTheTopology_providesNamesForNextHops() throws IOException {
    Files.writeString(
        dir.resolve("extra.zone"),
        """
        $TTL 300
        @      IN SOA ns.extra.lg.jp. admin.extra.lg.jp. 1 3600 600 86400 300
        smtp   IN A   127.10.0.20
        """,
        StandardCharsets.UTF_8);
    String yaml =
        insertAfter(9, "    delivery: { mode: static, smarthost: \"[smtp.extra.lg.jp]\" }")
            + "dns:\n  zone_files:\n    - { file: extra.zone, origin: extra.lg.jp, views: [lgwan] }\n";
    Topology t = TopologyLoader.load(write(yaml));
    assertEquals(dir.resolve("extra.zone"), t.zoneFiles().get(0).file());
  }

  // --- the report as a whole ----------------------------------------------------------------

  @Test
  void load_severalMistakes_reportsThemAllInFileOrder() throws IOException {
    Path file =
        write(replace(replace(8, "    role: city"), 17, "    addresses: { lgwan: 127.10.1.1 }"));
    TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(file));

    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(8, e.problems().get(0).line());
    assertEquals(17, e.problems().get(1).line());
    assertTrue(
        e.getMessage().contains(file + ":8:11: nodes[0].role: 不明な役割「city」 / unknown role 'city'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("直し方: "), e.getMessage());
    assertTrue(e.getMessage().contains(" / Fix: "), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("トポロジファイルに 2 件の問題があります / The topology file has 2 problems"));
  }

  @Test
  void load_missingFile_saysSoInBothLanguages() {
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyLoader.load(dir.resolve("none.yaml")));
    TopologyProblem problem = e.problems().get(0);
    assertTrue(problem.messageJa().contains("ファイルを読めません"), problem.toString());
    assertTrue(problem.messageEn().contains("cannot read the file"), problem.toString());
  }

  // --- queue ----------------------------------------------------------------------------------

  @Test
  void load_queueSettings_readPostfixStyleTimes() throws IOException {
    Topology t =
        TopologyLoader.load(
            write(
                VALID
                    + "queue:\n  minimal_backoff_time: 2s\n  maximal_backoff_time: 1m\n"
                    + "  maximal_queue_lifetime: 2h\n  delay_warning_time: 90\n"
                    + "  hopcount_limit: 20\n"));
    assertEquals(java.time.Duration.ofSeconds(2), t.queue().minimalBackoffTime());
    assertEquals(java.time.Duration.ofMinutes(1), t.queue().maximalBackoffTime());
    assertEquals(java.time.Duration.ofHours(2), t.queue().maximalQueueLifetime());
    assertEquals(java.time.Duration.ofSeconds(90), t.queue().delayWarningTime());
    assertEquals(20, t.queue().hopcountLimit());
    assertEquals(
        jp.lgwansim.relay.topology.QueueSettings.DEFAULTS.messageSizeLimit(),
        t.queue().messageSizeLimit());
  }

  @Test
  void load_queueTimeWithoutKnownUnit_isReported() throws IOException {
    List<TopologyProblem> p = problems(VALID + "queue:\n  maximal_queue_lifetime: 5 days\n");
    assertOnly(p, 20, "queue.maximal_queue_lifetime", "時間として読めません", "is not a time");
  }

  @Test
  void load_maximalBackoffShorterThanMinimal_isReported() throws IOException {
    List<TopologyProblem> p =
        problems(VALID + "queue:\n  minimal_backoff_time: 10m\n  maximal_backoff_time: 1m\n");
    assertOnly(p, 21, "queue.maximal_backoff_time", "より短く", "shorter than");
  }

  // --- helpers --------------------------------------------------------------------------------

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("t.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private List<TopologyProblem> problems(String yaml) throws IOException {
    Path file = write(yaml);
    TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.load(file));
    for (TopologyProblem p : e.problems()) {
      assertEquals(file, p.file());
      assertFalse(p.fixJa().isBlank(), p.toString());
      assertFalse(p.fixEn().isBlank(), p.toString());
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
    return e.problems();
  }

  /** The one problem of the file: with this line and key, in both languages. */
  private static TopologyProblem assertOnly(
      List<TopologyProblem> problems, int line, String key, String ja, String en) {
    TopologyProblem found = find(problems, line, key, ja, en);
    assertEquals(1, problems.size(), "expected one problem, got:\n" + render(problems));
    return found;
  }

  private static TopologyProblem find(
      List<TopologyProblem> problems, int line, String key, String ja, String en) {
    for (TopologyProblem p : problems) {
      if (p.key().equals(key) && p.line() == line) {
        assertTrue(p.messageJa().contains(ja), "Japanese: " + p);
        assertTrue(p.messageEn().contains(en), "English: " + p);
        return p;
      }
    }
    return fail("no problem at line " + line + " for key '" + key + "' in:\n" + render(problems));
  }

  private static String render(List<TopologyProblem> problems) {
    return String.join("\n", problems.stream().map(TopologyProblem::toString).toList());
  }

  private static String replace(int line, String text) {
    return replace(VALID, line, text);
  }

  private static String replace(String yaml, int line, String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
    lines.set(line - 1, text);
    return String.join("\n", lines);
  }

  private static String remove(int line) {
    List<String> lines = new ArrayList<>(Arrays.asList(VALID.split("\n", -1)));
    lines.remove(line - 1);
    return String.join("\n", lines);
  }

  private static String insertAfter(int line, String... text) {
    List<String> lines = new ArrayList<>(Arrays.asList(VALID.split("\n", -1)));
    lines.addAll(line, List.of(text));
    return String.join("\n", lines);
  }
}
