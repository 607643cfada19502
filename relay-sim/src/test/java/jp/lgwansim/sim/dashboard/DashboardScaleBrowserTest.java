package jp.lgwansim.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.Simulation;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard stays responsive at scale: a 50-node topology over three networks (generated here)
 * and a thousand messages, published on the trace bus of the real simulation as its nodes would
 * publish them. The deadlines are measured by the browser itself ({@code performance.now()}), not
 * by sleeping.
 */
class DashboardScaleBrowserTest {
  private static final int MESSAGES = 1_000;

  /** From navigation to the list and the diagram drawn: a projector audience waits no longer. */
  private static final double LOAD_DEADLINE_MS = 5_000;

  /** From a keystroke in the filter to the filtered list: what feels instant. */
  private static final double FILTER_DEADLINE_MS = 300;

  @Test
  void fiftyNodesAndAThousandMessages_listAndDiagramRenderWithinTheDeadline(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("scale.yaml");
    Files.writeString(file, fiftyNodes());
    try (HeadlessChromium browser = HeadlessChromium.start();
        Simulation sim =
            Simulation.start(TopologyLoader.load(file), Optional.of(dir.resolve("data")));
        ApiServer api = ApiServer.start(sim, ApiOptions.defaults().withPort(0))) {
      assertEquals(50, sim.topology().nodes().size());
      publishMessages(sim.trace(), 0, MESSAGES);

      WebDriver d = browser.driver();
      d.get(api.uri() + "/");
      browser.await(
          Duration.ofSeconds(30),
          x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
      double readyMs = ((Number) browser.js("return window.lgwanReady")).doubleValue();
      assertEquals(50, d.findElements(By.cssSelector("svg.diagram .node")).size());
      assertEquals(
          String.valueOf(MESSAGES),
          d.findElement(By.cssSelector(".message-count")).getAttribute("data-count"));
      int rows = d.findElements(By.cssSelector(".msg-row")).size();
      assertTrue(rows > 5 && rows < 80, "only the rows in view are in the page: " + rows);
      assertTrue(
          readyMs < LOAD_DEADLINE_MS,
          "list and diagram took " + readyMs + " ms (deadline " + LOAD_DEADLINE_MS + ")");
      browser.screenshot("scale-50-nodes");

      // A thousand more arrive live over the event stream while the page is open.
      browser.js("window.lgwanLiveStart = performance.now()");
      publishMessages(sim.trace(), MESSAGES, MESSAGES);
      browser.await(
          Duration.ofSeconds(30),
          x ->
              String.valueOf(2 * MESSAGES)
                  .equals(
                      x.findElement(By.cssSelector(".message-count")).getAttribute("data-count")));
      double liveMs =
          ((Number) browser.js("return performance.now() - window.lgwanLiveStart")).doubleValue();
      assertTrue(liveMs < 10_000, "a thousand live messages took " + liveMs + " ms to list");

      // Filtering 2,000 messages answers within a keystroke.
      double filterMs =
          ((Number)
                  browser.js(
                      "const i = document.querySelector('[name=filter-subject]');"
                          + "const t0 = performance.now();"
                          + "i.value = 'message 1999'; i.dispatchEvent(new Event('input'));"
                          + "return performance.now() - t0;"))
              .doubleValue();
      assertEquals("1", d.findElement(By.cssSelector(".message-count")).getAttribute("data-count"));
      assertTrue(filterMs < FILTER_DEADLINE_MS, "filtering took " + filterMs + " ms");
    }
  }

  /**
   * 40 municipalities on LGWAN, two LGWAN/government gateways, four ministries, two
   * government/Internet gateways and two Internet MTAs: 50 nodes.
   */
  private static String fiftyNodes() {
    List<String> y = new ArrayList<>();
    y.add("name: scale-50");
    y.add("networks:");
    y.add("  - { name: lgwan, label: LGWAN, cidr: 127.71.0.0/16, dns: { address: 127.71.0.53 } }");
    y.add(
        "  - { name: gov, label: 政府共通ネットワーク, cidr: 127.72.0.0/16, dns: { address: 127.72.0.53 } }");
    y.add(
        "  - { name: internet, label: インターネット, cidr: 127.73.0.0/16, dns: { address: 127.73.0.53 } }");
    y.add("nodes:");
    for (int i = 1; i <= 40; i++) {
      node(y, "city-" + i, "municipality", "mail.city-" + i + ".lg.jp", "lgwan: 127.71.1." + i);
    }
    node(y, "gss-1", "gss-gateway", "gw1.gss.lgwan.jp", "lgwan: 127.71.2.1, gov: 127.72.2.1");
    node(y, "gss-2", "gss-gateway", "gw2.gss.lgwan.jp", "lgwan: 127.71.2.2, gov: 127.72.2.2");
    for (int i = 1; i <= 4; i++) {
      node(y, "ministry-" + i, "ministry", "mail.ministry-" + i + ".go.jp", "gov: 127.72.3." + i);
    }
    node(
        y,
        "inet-gw-1",
        "internet-mta",
        "gw1.gov-inet.go.jp",
        "gov: 127.72.4.1, internet: 127.73.4.1");
    node(
        y,
        "inet-gw-2",
        "internet-mta",
        "gw2.gov-inet.go.jp",
        "gov: 127.72.4.2, internet: 127.73.4.2");
    node(y, "isp-1", "internet-mta", "mx.isp-1.example", "internet: 127.73.5.1");
    node(y, "isp-2", "internet-mta", "mx.isp-2.example", "internet: 127.73.5.2");
    return String.join("\n", y) + "\n";
  }

  private static void node(List<String> y, String id, String role, String host, String addresses) {
    y.add("  - id: " + id);
    y.add("    role: " + role);
    y.add("    hostname: " + host);
    y.add("    addresses: { " + addresses + " }");
    y.add("    delivery: { mode: mx }");
  }

  /** Each message as its nodes trace it: received, relayed to the next, received, delivered. */
  private static void publishMessages(TraceBus bus, int first, int count) {
    for (int i = first; i < first + count; i++) {
      String from = "city-" + (i % 40 + 1);
      String to = "city-" + ((i + 7) % 40 + 1);
      String messageId = "scale-" + i + "@" + from + ".lg.jp";
      String q1 = "Q" + i + "A";
      String q2 = "Q" + i + "B";
      String sender = "user@" + from + ".lg.jp";
      String rcpt = "user@" + to + ".lg.jp";
      Bilingual text = Bilingual.of("テスト", "test");
      bus.publish(
          from,
          TraceType.RECEIVED,
          messageId,
          q1,
          text,
          Map.of("from", sender, "to", rcpt, "subject", "message " + i, "client", "127.0.0.1"));
      bus.publish(
          from,
          TraceType.RELAYED,
          messageId,
          q1,
          text,
          Map.of("nextNode", to, "nextHop", "mail." + to + ".lg.jp", "reply", "250 ok"));
      bus.publish(
          to,
          TraceType.RECEIVED,
          messageId,
          q2,
          text,
          Map.of("from", sender, "to", rcpt, "subject", "message " + i, "client", "127.71.1.1"));
      bus.publish(to, TraceType.DELIVERED, messageId, q2, text, Map.of("mailbox", rcpt));
    }
  }
}
