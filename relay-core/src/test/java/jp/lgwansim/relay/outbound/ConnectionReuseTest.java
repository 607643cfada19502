package jp.lgwansim.relay.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;

/** A busy next hop gets the open connection again instead of a new handshake per message. */
class ConnectionReuseTest {

  @Test
  void send_backToBackMessages_reuseTheOpenConnectionAndAllArrive() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      List<TraceEvent> connects = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
        c.await("delivered", TraceType.DELIVERED, id, "target");
        connects.add(c.await("connected", TraceType.CONNECTED, id, "sender"));
      }
      assertEquals("false", connects.get(0).attribute("reused"));
      assertEquals("true", connects.get(1).attribute("reused"));
      assertEquals("true", connects.get(2).attribute("reused"));
      assertEquals(3, c.inbox("target", "user@b.lg.jp", "pass-b.lg.jp").size());
    }
  }

  @Test
  void send_afterARefusedRecipient_usesAFreshConnectionAndStillDelivers() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      String refused = c.send("sender", "user@a.lg.jp", "nobody@b.lg.jp");
      c.await("failed", TraceType.FAILED, refused, "sender");
      String good = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      c.await("delivered", TraceType.DELIVERED, good, "target");
      assertEquals(
          "false", c.await("connected", TraceType.CONNECTED, good, "sender").attribute("reused"));
    }
  }
}
