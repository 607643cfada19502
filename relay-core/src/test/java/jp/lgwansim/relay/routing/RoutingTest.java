package jp.lgwansim.relay.routing;

import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.dns.DnsView;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NodeSpec.DeliverySpec;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Every routing rule, with real nodes, a real DNS server and real SMTP on loopback. */
class RoutingTest {
  private static final DeliverySpec MX = new DeliverySpec(DeliveryMode.MX, Optional.empty());

  /** Figure 1 in MX delivery: B町's MX points at the LGWAN relay, which knows B町's server. */
  private static TopologyBuilder figure1(DeliverySpec cityA) {
    return new TopologyBuilder()
        .node("city-a", "mail.city-a.lg.jp", cityA, Map.of(), "city-a.lg.jp")
        .node(
            "relay",
            "relay.lgwan.jp",
            MX,
            Map.of("town-b.lg.jp", "[mail.town-b.lg.jp]"),
            new String[0])
        .mxNode("poi", "smtp.poi.lgwan.jp")
        .mxNode("town-b", "mail.town-b.lg.jp", "town-b.lg.jp")
        .record("town-b.lg.jp", "MX", "10 relay.lgwan.jp.");
  }

  @Test
  void route_mxDelivery_reachesMailboxThroughLgwanRelayWithReceivedOfEveryHop() throws Exception {
    try (RunningCluster c = new RunningCluster(figure1(MX).build())) {
      String id = c.send("city-a", "user@city-a.lg.jp", "user@town-b.lg.jp");
      c.await("delivered at town-b", TraceType.DELIVERED, id, "town-b");

      List<String> inbox = c.inbox("town-b", "user@town-b.lg.jp", "pass-town-b.lg.jp");
      assertEquals(1, inbox.size());
      String raw = inbox.get(0);
      int byB = raw.indexOf("by mail.town-b.lg.jp");
      int byRelay = raw.indexOf("by relay.lgwan.jp");
      int byA = raw.indexOf("by mail.city-a.lg.jp");
      assertTrue(byB >= 0 && byB < byRelay && byRelay < byA, "Received: newest first\n" + raw);

      TraceEvent query =
          c.trace()
              .await(
                  "city-a MX query",
                  e ->
                      e.node().equals("city-a")
                          && e.type() == TraceType.DNS_ANSWER
                          && e.attribute("qtype").equals("MX"),
                  RunningCluster.DEADLINE);
      assertEquals("town-b.lg.jp", query.attribute("query"));
      assertContains(query.attribute("answer"), "10 relay.lgwan.jp.");
      assertEquals(List.of("city-a", "relay", "town-b"), hops(c, id));
    }
  }

  @Test
  void route_staticDelivery_goesToPoiFirstWithoutMxQueryAtCityA() throws Exception {
    DeliverySpec viaPoi = new DeliverySpec(DeliveryMode.STATIC, Optional.of("[smtp.poi.lgwan.jp]"));
    try (RunningCluster c = new RunningCluster(figure1(viaPoi).build())) {
      String id = c.send("city-a", "user@city-a.lg.jp", "user@town-b.lg.jp");
      c.await("delivered at town-b", TraceType.DELIVERED, id, "town-b");

      assertEquals(List.of("city-a", "poi", "relay", "town-b"), hops(c, id));
      assertFalse(
          c.events(id).stream()
              .anyMatch(
                  e ->
                      e.node().equals("city-a")
                          && e.type() == TraceType.DNS_QUERY
                          && e.attribute("qtype").equals("MX")),
          "a bracketed smarthost needs no MX query");
      TraceEvent route = c.await("route at city-a", TraceType.ROUTE_CHOSEN, id, "city-a");
      assertEquals("static", route.attribute("method"));
    }
  }

  @Test
  void route_unbracketedSmarthost_looksUpItsMx() throws Exception {
    DeliverySpec viaName = new DeliverySpec(DeliveryMode.STATIC, Optional.of("smarthost.lgwan.jp"));
    TopologyBuilder t =
        figure1(viaName).record("smarthost.lgwan.jp", "MX", "10 smtp.poi.lgwan.jp.");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("city-a", "user@city-a.lg.jp", "user@town-b.lg.jp");
      c.await("delivered at town-b", TraceType.DELIVERED, id, "town-b");
      assertTrue(
          c.events(id).stream()
              .anyMatch(
                  e ->
                      e.node().equals("city-a")
                          && e.type() == TraceType.DNS_QUERY
                          && e.attribute("qtype").equals("MX")
                          && e.attribute("query").equals("smarthost.lgwan.jp")));
      assertEquals("poi", hops(c, id).get(1));
    }
  }

  @Test
  void route_mxPreference_lowestNumberFirst() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("primary", "mx1.b.lg.jp", "b.lg.jp")
            .mxNode("backup", "mx2.b.lg.jp", "b.lg.jp")
            .record("b.lg.jp", "MX", "20 mx2.b.lg.jp.")
            .record("b.lg.jp", "MX", "10 mx1.b.lg.jp.");
    try (RunningCluster c = new RunningCluster(t.build())) {
      for (int i = 0; i < 3; i++) {
        String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
        c.await("delivered at primary", TraceType.DELIVERED, id, "primary");
      }
      assertEquals(3, c.inbox("primary", "user@b.lg.jp", "pass-b.lg.jp").size());
      assertEquals(0, c.inbox("backup", "user@b.lg.jp", "pass-b.lg.jp").size());
    }
  }

  @Test
  void route_primaryMxDown_backupMxTakesTheMail() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("primary", "mx1.b.lg.jp", "b.lg.jp")
            .mxNode("backup", "mx2.b.lg.jp", "b.lg.jp")
            .record("b.lg.jp", "MX", "10 mx1.b.lg.jp.")
            .record("b.lg.jp", "MX", "20 mx2.b.lg.jp.");
    try (RunningCluster c = new RunningCluster(t.build())) {
      c.node("primary").close();
      String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      c.await("delivered at backup", TraceType.DELIVERED, id, "backup");
      TraceEvent relayed = c.await("relayed", TraceType.RELAYED, id, "sender");
      assertEquals("mx2.b.lg.jp", relayed.attribute("nextHop"));
    }
  }

  @Test
  void route_noMxRecord_usesTheDomainsAddressAsImplicitMx() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "c.lg.jp", "c.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      view(c).removeRRset(Name.fromString("c.lg.jp."), Type.MX);
      String id = c.send("sender", "user@a.lg.jp", "user@c.lg.jp");
      c.await("delivered at target", TraceType.DELIVERED, id, "target");
      TraceEvent route = c.await("route", TraceType.ROUTE_CHOSEN, id, "sender");
      assertEquals("implicit-mx", route.attribute("method"));
    }
  }

  @Test
  void route_nullMx_failsPermanentlyWithoutConnecting() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "mail.c.lg.jp", "c.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      Name domain = Name.fromString("c.lg.jp.");
      Record nullMx = new MXRecord(domain, org.xbill.DNS.DClass.IN, 300, 0, Name.root);
      view(c).replaceRRset(domain, Type.MX, List.of(nullMx));
      String id = c.send("sender", "user@a.lg.jp", "user@c.lg.jp");
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, "sender");
      assertContains(failed.attribute("reason"), "5.1.10");
      assertFalse(c.events(id).stream().anyMatch(e -> e.type() == TraceType.CONNECTED));
    }
  }

  @Test
  void route_unknownDomain_failsPermanentlyWithNxdomain() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("sender", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("sender", "user@a.lg.jp", "someone@nosuch.lg.jp");
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, "sender");
      assertContains(failed.attribute("reason"), "5.1.2");
      assertContains(failed.text().ja(), "存在しません");
    }
  }

  @Test
  void route_transportEntry_overridesTheMx() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .node("sender", "mail.a.lg.jp", MX, Map.of("b.lg.jp", "[relay.lgwan.jp]"), "a.lg.jp")
            .mxNode("relay", "relay.lgwan.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      c.await("delivered", TraceType.DELIVERED, id, "target");
      assertEquals(List.of("sender", "relay", "target"), hops(c, id));
      assertEquals(
          "transport", c.await("route", TraceType.ROUTE_CHOSEN, id, "sender").attribute("method"));
    }
  }

  @Test
  void route_mxPointsBackToSender_failsAsLoop() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .record("loop.lg.jp", "MX", "10 mail.a.lg.jp.");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("sender", "user@a.lg.jp", "user@loop.lg.jp");
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, "sender");
      assertContains(failed.attribute("reason"), "5.4.6");
      assertContains(failed.attribute("reason"), "loops back to myself");
    }
  }

  @Test
  void route_deliverySwitchedToStaticWhileRunning_nextMailGoesThroughThePoi() throws Exception {
    try (RunningCluster c = new RunningCluster(figure1(MX).build())) {
      String before = c.send("city-a", "user@city-a.lg.jp", "user@town-b.lg.jp");
      c.await("delivered", TraceType.DELIVERED, before, "town-b");
      assertEquals(List.of("city-a", "relay", "town-b"), hops(c, before));

      c.node("city-a")
          .setDelivery(new DeliverySpec(DeliveryMode.STATIC, Optional.of("[smtp.poi.lgwan.jp]")));
      String after = c.send("city-a", "user@city-a.lg.jp", "user@town-b.lg.jp");
      c.await("delivered", TraceType.DELIVERED, after, "town-b");
      assertEquals(List.of("city-a", "poi", "relay", "town-b"), hops(c, after));
    }
  }

  private static DnsView view(RunningCluster c) {
    return c.cluster().dns(TopologyBuilder.NETWORK).orElseThrow().view();
  }

  private static List<String> hops(RunningCluster c, String messageId) {
    return c.events(messageId).stream()
        .filter(e -> e.type() == TraceType.RECEIVED)
        .map(TraceEvent::node)
        .toList();
  }
}
