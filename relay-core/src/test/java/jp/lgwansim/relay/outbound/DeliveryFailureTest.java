package jp.lgwansim.relay.outbound;

import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;

/** What the sender does with a next hop that is down or that refuses, seen from the trace. */
class DeliveryFailureTest {

  @Test
  void send_nextHopDown_defersWithTheRefusalAndRetriesWithBackoff() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .mxNode("sender", "mail.a.lg.jp", "a.lg.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      c.node("target").close();
      String id = c.send("sender", "user@a.lg.jp", "user@b.lg.jp");
      TraceEvent first = c.await("deferred", TraceType.DEFERRED, id, "sender");
      assertContains(first.attribute("reason"), "mail.b.lg.jp");
      assertContains(first.text().ja(), "再送します");
      // A second attempt really happens (TopologyBuilder retries within a second).
      TraceEvent second =
          c.trace()
              .await(
                  "second deferral",
                  e ->
                      e.type() == TraceType.DEFERRED
                          && e.messageId().equals(id)
                          && e.seq() > first.seq(),
                  RunningCluster.DEADLINE);
      assertEquals(
          true,
          Instant.parse(second.attribute("nextAttempt"))
              .isAfter(Instant.parse(first.attribute("nextAttempt"))));
    }
  }

  @Test
  void send_nextHopSays550_failsPermanentlyWithItsReply() throws Exception {
    TopologyBuilder t =
        new TopologyBuilder()
            .node(
                "sender",
                "mail.a.lg.jp",
                new jp.lgwansim.relay.topology.NodeSpec.DeliverySpec(
                    jp.lgwansim.relay.topology.DeliveryMode.STATIC,
                    java.util.Optional.of("[relay.lgwan.jp]")),
                java.util.Map.of(),
                "a.lg.jp")
            .mxNode("relay", "relay.lgwan.jp")
            .mxNode("target", "mail.b.lg.jp", "b.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      // The relay accepts anything for b.lg.jp from its network; b itself knows no "nobody".
      String id = c.send("sender", "user@a.lg.jp", "nobody@b.lg.jp");
      TraceEvent failed = c.await("failed at relay", TraceType.FAILED, id, "relay");
      assertContains(failed.attribute("reason"), "550");
      assertContains(failed.attribute("reason"), "5.1.1");
      assertEquals("nobody@b.lg.jp", failed.attribute("recipients"));
    }
  }
}
