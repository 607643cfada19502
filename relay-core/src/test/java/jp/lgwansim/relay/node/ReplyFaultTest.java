package jp.lgwansim.relay.node;

import static jp.lgwansim.relay.node.TwoTowns.A;
import static jp.lgwansim.relay.node.TwoTowns.B;
import static jp.lgwansim.relay.node.TwoTowns.FROM;
import static jp.lgwansim.relay.node.TwoTowns.TO;
import static jp.lgwansim.relay.node.TwoTowns.TO_PASSWORD;
import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.inbound.ReplyFault;
import jp.lgwansim.relay.inbound.ReplyFault.Stage;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A node made to answer a chosen reply, seen by the node that relays to it. */
class ReplyFaultTest {

  @ParameterizedTest
  @EnumSource(Stage.class)
  void replyFault_temporary_defersThenDeliversOnceWhenCleared(Stage stage) throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      int code = stage == Stage.CONNECT ? 421 : 451;
      c.cluster().setReplyFault(B, ReplyFault.always(stage, code, "4.3.0 try later"));
      c.awaitFault("reply", B);

      String id = c.send(A, FROM, TO);
      TraceEvent deferred = c.await("deferred", TraceType.DEFERRED, id, A);
      assertContains(deferred.attribute("reason"), Integer.toString(code));
      TraceEvent rejected = injectedRejection(c, stage);
      assertEquals(code + " 4.3.0 try later", rejected.attribute("reply"));

      c.cluster().clearFaults(B);
      c.awaitFault("cleared", B);
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void replyFault_550AtRcpt_failsPermanentlyWithTheReply() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().setReplyFault(B, ReplyFault.always(Stage.RCPT, 550, "5.1.1 mailbox gone"));
      String id = c.send(A, FROM, TO);
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, A);
      assertContains(failed.attribute("reason"), "550 5.1.1 mailbox gone");
      c.awaitEmptyQueue(A);
      assertEquals(0, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void replyFault_554AtData_failsPermanentlyAndTheRejectionNamesTheMessage() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().setReplyFault(B, ReplyFault.always(Stage.DATA, 554, "5.6.0 content refused"));
      String id = c.send(A, FROM, TO);
      TraceEvent failed = c.await("failed", TraceType.FAILED, id, A);
      assertContains(failed.attribute("reason"), "554 5.6.0 content refused");
      TraceEvent rejected = c.await("rejected", TraceType.REJECTED, id, B);
      assertEquals("reply", rejected.attribute("fault"));
      assertContains(rejected.text().ja(), "障害注入");
      c.awaitEmptyQueue(A);
      assertEquals(0, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void replyFault_withAFraction_hitsOnlyTheMessagesTheDrawPicks() throws Exception {
    // Draws: 0.9 (first message passes), 0.1 (second is refused), then passes for its retries.
    ScriptedRandom draws = new ScriptedRandom(0.9, 0.1);
    try (RunningCluster c = new RunningCluster(TwoTowns.topology(), draws)) {
      c.cluster().setReplyFault(B, new ReplyFault(Stage.RCPT, 451, "4.3.0 busy", 0.5));
      String lucky = c.send(A, FROM, TO);
      c.await("delivered", TraceType.DELIVERED, lucky, B);
      String unlucky = c.send(A, FROM, TO);
      c.await("deferred", TraceType.DEFERRED, unlucky, A);
      c.await("delivered on retry", TraceType.DELIVERED, unlucky, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, lucky));
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, unlucky));
    }
  }

  @Test
  void latency_slowsEveryReplyButTheMailStillArrives() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      Duration latency = Duration.ofMillis(150);
      c.cluster().setLatency(B, latency);
      assertEquals("150", c.awaitFault("latency", B).attribute("latencyMs"));
      long start = System.nanoTime();
      String id = c.send(B, FROM, TO); // greeting, MAIL, RCPT and end of DATA are each delayed
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(latency.multipliedBy(4)) >= 0, "took only " + took);
      c.await("delivered", TraceType.DELIVERED, id, B);
      assertEquals(latency, c.cluster().faults().nodeFaults().get(B).latency());

      c.cluster().clearFaults(B);
      assertTrue(c.cluster().faults().isEmpty());
    }
  }

  @Test
  void replyFault_badCodeOrFraction_isRefusedWithTheReason() {
    IllegalArgumentException code =
        assertThrows(
            IllegalArgumentException.class, () -> ReplyFault.always(Stage.RCPT, 250, "ok"));
    assertContains(code.getMessage(), "4xx or 5xx");
    IllegalArgumentException fraction =
        assertThrows(
            IllegalArgumentException.class, () -> new ReplyFault(Stage.RCPT, 451, "x", 1.5));
    assertContains(fraction.getMessage(), "between 0 and 1");
  }

  private static TraceEvent injectedRejection(RunningCluster c, Stage stage) throws Exception {
    return c.trace()
        .await(
            "injected " + stage,
            e ->
                e.type() == TraceType.REJECTED
                    && e.node().equals(B)
                    && e.attribute("fault").equals("reply")
                    && e.attribute("stage").equals(stage.name()),
            RunningCluster.DEADLINE);
  }

  /** Gives the listed draws in order, then 0.99 (no fault) for ever. */
  static final class ScriptedRandom implements RandomGenerator {
    private final Deque<Double> draws = new ArrayDeque<>();

    ScriptedRandom(Double... draws) {
      this.draws.addAll(List.of(draws));
    }

    @Override
    public synchronized double nextDouble() {
      return draws.isEmpty() ? 0.99 : draws.removeFirst();
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException("only nextDouble is drawn");
    }
  }
}
