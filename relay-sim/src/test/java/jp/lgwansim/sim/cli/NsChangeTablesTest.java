package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every example row of the article's Tables 1 and 2, asked of {@code lgwan-sim ns-change --json}
 * against a registry where the town (TOWN.EXAMPLE.LG.JP) also holds its older regional domain
 * TOWN.EXAMPLE.JP with dns.town.example.jp registered as glue, as the note to Table 2 assumes.
 */
class NsChangeTablesTest {
  @TempDir static Path dir;
  static Path topology;

  @BeforeAll
  static void writeTopology() throws Exception {
    topology = dir.resolve("tables.yaml");
    Files.writeString(
        topology,
        String.join(
            "\n",
            "name: tables",
            "networks:",
            "  - { name: internet, cidr: 127.72.0.0/16, dns: { address: 127.72.0.53 } }",
            "nodes:",
            "  - id: town",
            "    role: municipality",
            "    hostname: mail.town.example.lg.jp",
            "    addresses: { internet: 127.72.1.25 }",
            "    domains: [town.example.lg.jp]",
            "  - id: pref",
            "    role: prefecture",
            "    hostname: mail.pref.example.lg.jp",
            "    addresses: { internet: 127.72.2.25 }",
            "    domains: [pref.example.lg.jp]",
            "registry:",
            "  domains:",
            "    - name: town.example.lg.jp",
            "      registrant: Example町",
            "      name_servers:",
            "        - { host: dns.town.example.lg.jp, glue: 127.72.1.53 }",
            "    - name: town.example.jp",
            "      registrant: Example町",
            "      registrar: サンプル登録株式会社",
            "      name_servers:",
            "        - { host: dns.town.example.jp, glue: 127.72.1.54 }",
            "    - name: pref.example.lg.jp",
            "      registrant: Example県",
            "      name_servers:",
            "        - { host: dns.pref.example.jp }",
            ""));
  }

  static JsonNode nsChange(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    all[0] = "ns-change";
    all[1] = "--json";
    all[2] = "--topology";
    all[3] = topology.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    int code =
        new CommandLine(new Main(() -> null))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all);
    assertEquals(0, code, err.toString());
    return new ObjectMapper().readTree(out.toString());
  }

  /** Table 1: a host-name change always needs an application, whatever the names contain. */
  @ParameterizedTest(name = "表1 例{0}: {1} → {2}")
  @CsvSource({
    "1, dns.pref.example.jp, ns.pref.example.lg.jp",
    "2, dns.pref.example.jp, dns2.pref.example.jp",
    "3, dns.pref.example.lg.jp, dns1.example.co.jp"
  })
  void table1_hostNameChange_alwaysNeedsAnApplicationThroughJlis(
      int row, String before, String after) throws Exception {
    JsonNode v = nsChange("--domain", "pref.example.lg.jp", "--host", before, "--new-host", after);
    assertTrue(v.path("applicationRequired").asBoolean(), "row " + row + ": " + v);
    assertTrue(v.path("via").asText().contains("J-LIS"), v.toString());
    assertTrue(v.path("otherRegistrarMustUpdate").isNull(), v.toString());
    assertTrue(v.path("reason").asText().contains("表1"), v.toString());
  }

  @Test
  void table2Row1_addressOfAHostInsideTheOwnLgJpDomain_needsAnApplicationThroughJlis()
      throws Exception {
    JsonNode v =
        nsChange(
            "--domain",
            "town.example.lg.jp",
            "--host",
            "dns.town.example.lg.jp",
            "--new-ip",
            "127.72.1.99");
    assertTrue(v.path("applicationRequired").asBoolean(), v.toString());
    assertTrue(v.path("via").asText().contains("J-LIS"), v.toString());
    assertTrue(v.path("otherRegistrarMustUpdate").isNull(), v.toString());
  }

  @Test
  void table2Row2_addressOfAHostOutside_needsNoApplication() throws Exception {
    JsonNode v =
        nsChange(
            "--domain",
            "town.example.lg.jp",
            "--host",
            "dns.city.example.jp",
            "--new-ip",
            "127.72.3.99");
    assertEquals(false, v.path("applicationRequired").asBoolean(), v.toString());
    assertTrue(v.path("via").isNull(), v.toString());
    assertTrue(v.path("otherRegistrarMustUpdate").isNull(), v.toString());
  }

  @Test
  void table2Row3_addressOfAHostInTheTownsOtherDomain_needsNoApplicationButItsRegistrarMustUpdate()
      throws Exception {
    JsonNode v =
        nsChange(
            "--domain",
            "town.example.lg.jp",
            "--host",
            "dns.town.example.jp",
            "--new-ip",
            "127.72.1.99");
    assertEquals(false, v.path("applicationRequired").asBoolean(), v.toString());
    assertTrue(v.path("via").isNull(), v.toString());
    assertTrue(v.path("otherRegistrarMustUpdate").asText().contains("サンプル登録株式会社"), v.toString());
    assertTrue(
        v.path("otherRegistrarMustUpdate").asText().contains("town.example.jp"), v.toString());
  }
}
