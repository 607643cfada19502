package jp.lgwansim.relay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.topology.NetworkKind;
import org.junit.jupiter.api.Test;

/** The invariant really fires: LG.JP mail routed over an Internet network is caught. */
class ClosedNetworkInvariantTest {

  @Test
  void lgJpMailOverTheInternet_isReportedAsAViolation() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .kind(NetworkKind.INTERNET)
            .mxNode("a", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("b", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("a", "user@a.lg.jp", "user@b.lg.jp");
      // Received on an Internet network at its very first server: already a violation.
      TraceEvent v = c.await("violation", TraceType.VIOLATION, id, "a");
      assertTrue(v.text().ja().contains("インターネット"), v.text().ja());
      c.await("still delivered", TraceType.DELIVERED, id, "b");
      assertEquals(1, c.cluster().violations().size());
    }
  }

  @Test
  void companyMailOverTheInternet_isNoViolation() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .kind(NetworkKind.INTERNET)
            .mxNode("company", "mail.example.co.jp", "example.co.jp")
            .mxNode("b", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String id = c.send("company", "user@example.co.jp", "user@b.lg.jp");
      c.await("delivered", TraceType.DELIVERED, id, "b");
      assertTrue(c.cluster().violations().isEmpty());
    }
  }

  @Test
  void isGovernment_lgJpAndGoJpOnly() {
    assertTrue(ClosedNetworkInvariant.isGovernment("a@city.a.lg.jp"));
    assertTrue(ClosedNetworkInvariant.isGovernment("kacho@soumu.go.jp"));
    assertEquals(false, ClosedNetworkInvariant.isGovernment("x@example.jp"));
    assertEquals(false, ClosedNetworkInvariant.isGovernment("x@notlg.jp"));
  }
}
