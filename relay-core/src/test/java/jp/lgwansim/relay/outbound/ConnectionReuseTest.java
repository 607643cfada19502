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

  @Test
  void send_destinationConcurrencyLimitOne_parallelMailQueuesOnOneConnection() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    t.queue(
        jp.lgwansim.relay.topology.QueueSettings.DEFAULTS
            .withBackoff(
                java.time.Duration.ofMillis(200),
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMinutes(5))
            .withDestinationConcurrencyLimit(1));
    try (RunningCluster c = new RunningCluster(t.build())) {
      // A slow next hop, so the three deliveries overlap unless the limit serializes them.
      c.cluster().setLatency("target", java.time.Duration.ofMillis(300));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(c.send("sender", "user@a.lg.jp", "user@b.lg.jp"));
      }
      for (String id : ids) {
        c.await("delivered", TraceType.DELIVERED, id, "target");
      }
      long opened =
          c.trace().events().stream()
              .filter(
                  e ->
                      e.type() == TraceType.CONNECTED
                          && e.node().equals("sender")
                          && e.attribute("reused").equals("false"))
              .count();
      assertEquals(1, opened, "one connection at a time to the one next hop, reused");
    }
  }
}
