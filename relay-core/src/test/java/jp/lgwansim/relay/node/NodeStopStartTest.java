package jp.lgwansim.relay.node;

import static jp.lgwansim.relay.node.TwoTowns.A;
import static jp.lgwansim.relay.node.TwoTowns.B;
import static jp.lgwansim.relay.node.TwoTowns.FROM;
import static jp.lgwansim.relay.node.TwoTowns.TO;
import static jp.lgwansim.relay.node.TwoTowns.TO_PASSWORD;
import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import jp.lgwansim.relay.queue.QueueEntry;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;

/** A node stopped and started again: connections refused, mail kept, nothing lost or doubled. */
class NodeStopStartTest {

  @Test
  void stopNode_nextHop_defersThenDeliversOnceAfterStart() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().stopNode(B);
      TraceEvent stopped = c.awaitFault("node-stopped", B);
      assertContains(stopped.text().ja(), "停止");
      InetSocketAddress bSmtp = c.node(B).smtpAddress(TopologyBuilder.NETWORK).orElseThrow();
      assertThrows(ConnectException.class, () -> new Socket(bSmtp.getAddress(), bSmtp.getPort()));

      String id = c.send(A, FROM, TO);
      TraceEvent deferred = c.await("deferred", TraceType.DEFERRED, id, A);
      assertContains(deferred.attribute("reason"), "mail.b.lg.jp");

      c.cluster().startNode(B);
      c.awaitFault("node-started", B);
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
      assertFalse(c.cluster().faults().stoppedNodes().contains(B));
    }
  }

  @Test
  void stopNode_withMailInItsQueue_keepsItInTheSpoolAndResumesOnStart() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().stopNode(B);
      String id = c.send(A, FROM, TO);
      c.await("deferred", TraceType.DEFERRED, id, A);

      c.cluster().stopNode(A);
      List<QueueEntry> held = c.node(A).queueEntries();
      assertEquals(1, held.size());
      assertEquals(id, held.get(0).envelope().messageId());
      assertEquals(QueueEntry.State.DEFERRED, held.get(0).state());
      assertContains(held.get(0).lastError(), "mail.b.lg.jp");
      assertEquals(List.of(A, B), c.cluster().faults().stoppedNodes());

      c.cluster().startNode(B);
      c.cluster().startNode(A); // resumes its spool at once
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void stopNode_withDeliveredMail_keepsTheMailboxReadableAndItsContent() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      String first = c.send(A, FROM, TO);
      c.await("delivered", TraceType.DELIVERED, first, B);

      c.cluster().stopNode(B);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, first), "IMAP stays up while the MTA is down");
      c.cluster().startNode(B);

      String second = c.send(A, FROM, TO);
      c.await("delivered", TraceType.DELIVERED, second, B);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, first));
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, second));
      assertTrue(c.node(B).isRunning());
    }
  }
}
