package jp.lgwansim.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeRole;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.Topology;
import org.junit.jupiter.api.Test;

/** The two topologies of the article's Figure 1 load and say what the figure draws. */
class FigureOneTopologiesTest {

  @Test
  void load_figure1Mx_givesTheFourNodesAndTheRelayMx() {
    Topology t = TopologyLoader.load(ProjectFiles.topologies().resolve("figure1-mx.yaml"));

    assertEquals("figure1-mx", t.name());
    assertFigureOne(t);
    NodeSpec cityA = t.node("city-a").orElseThrow();
    assertEquals(DeliveryMode.MX, cityA.delivery().mode());
    assertEquals(Optional.empty(), cityA.delivery().smarthost());
  }

  @Test
  void load_figure1Static_sendsCityAThroughThePoi() {
    Topology t = TopologyLoader.load(ProjectFiles.topologies().resolve("figure1-static.yaml"));

    assertEquals("figure1-static", t.name());
    assertFigureOne(t);
    NodeSpec cityA = t.node("city-a").orElseThrow();
    assertEquals(DeliveryMode.STATIC, cityA.delivery().mode());
    assertEquals(Optional.of("[smtp.poi.lgwan.jp]"), cityA.delivery().smarthost());
  }

  @Test
  void load_bothFigures_differOnlyInCityADelivery() {
    Topology mx = TopologyLoader.load(ProjectFiles.topologies().resolve("figure1-mx.yaml"));
    Topology st = TopologyLoader.load(ProjectFiles.topologies().resolve("figure1-static.yaml"));

    assertEquals(mx.networks(), st.networks());
    // Lines differ (the comments at the top differ); the records themselves must not.
    assertEquals(
        mx.records().stream().map(r -> r.name() + " " + r.type() + " " + r.data()).toList(),
        st.records().stream().map(r -> r.name() + " " + r.type() + " " + r.data()).toList());
    for (NodeSpec node : mx.nodes()) {
      NodeSpec other = st.node(node.id()).orElseThrow();
      if (node.id().equals("city-a")) {
        assertEquals(node, withDelivery(other, node.delivery()));
      } else {
        assertEquals(node, other);
      }
    }
  }

  private static void assertFigureOne(Topology t) {
    NetworkSpec lgwan = t.network("lgwan").orElseThrow();
    assertEquals("127.10.0.0/16", lgwan.cidr().toString());
    assertEquals("127.10.0.53", lgwan.dns().orElseThrow().address().getHostAddress());
    assertEquals(5353, lgwan.dns().orElseThrow().port());

    assertEquals(
        List.of("city-a", "lgwan-relay", "poi", "town-b"),
        t.nodes().stream().map(NodeSpec::id).toList());
    assertNode(t, "city-a", NodeRole.MUNICIPALITY, "mail.city-a.lg.jp", "127.10.1.1");
    assertNode(t, "lgwan-relay", NodeRole.LGWAN_RELAY, "relay.lgwan.jp", "127.10.0.10");
    assertNode(t, "poi", NodeRole.POI, "smtp.poi.lgwan.jp", "127.10.0.20");
    assertNode(t, "town-b", NodeRole.MUNICIPALITY, "mail.town-b.lg.jp", "127.10.2.1");

    NodeSpec cityA = t.node("city-a").orElseThrow();
    assertEquals(List.of("city-a.lg.jp"), cityA.domains());
    assertTrue(cityA.mailboxes().stream().anyMatch(m -> m.address().equals("taro@city-a.lg.jp")));
    NodeSpec townB = t.node("town-b").orElseThrow();
    assertEquals(List.of("town-b.lg.jp"), townB.domains());
    assertTrue(townB.mailboxes().stream().anyMatch(m -> m.address().equals("hanako@town-b.lg.jp")));

    NodeSpec relay = t.node("lgwan-relay").orElseThrow();
    assertEquals(DeliveryMode.MX, relay.delivery().mode());
    assertEquals("[mail.town-b.lg.jp]", relay.transport().get("town-b.lg.jp"));
    assertEquals("[mail.city-a.lg.jp]", relay.transport().get("city-a.lg.jp"));
    assertEquals(DeliveryMode.MX, t.node("poi").orElseThrow().delivery().mode());

    RecordSpec townBMx = record(t, "town-b.lg.jp");
    assertEquals("MX", townBMx.type());
    assertEquals("10 relay.lgwan.jp.", townBMx.data());
    assertEquals(List.of("lgwan"), townBMx.views());
    assertEquals(300, townBMx.ttlSeconds());
    assertTrue(townBMx.line() > 0, "the record remembers its line for later messages");
    assertEquals("10 relay.lgwan.jp.", record(t, "city-a.lg.jp").data());
  }

  private static void assertNode(
      Topology t, String id, NodeRole role, String hostname, String address) {
    NodeSpec node = t.node(id).orElseThrow();
    assertEquals(role, node.role(), id);
    assertEquals(hostname, node.hostname(), id);
    assertEquals(address, node.addressOn("lgwan").orElseThrow().getHostAddress(), id);
    assertEquals(2525, node.smtpPort(), id);
    assertEquals(1143, node.imapPort(), id);
    assertEquals(1110, node.pop3Port(), id);
  }

  private static RecordSpec record(Topology t, String name) {
    return t.records().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static NodeSpec withDelivery(NodeSpec n, NodeSpec.DeliverySpec delivery) {
    return new NodeSpec(
        n.id(),
        n.label(),
        n.role(),
        n.hostname(),
        n.addresses(),
        n.smtpPort(),
        delivery,
        n.transport(),
        n.domains(),
        n.mailboxes(),
        n.imapPort(),
        n.pop3Port());
  }
}
