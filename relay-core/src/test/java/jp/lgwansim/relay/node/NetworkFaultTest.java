package jp.lgwansim.relay.node;

import static jp.lgwansim.relay.node.TwoTowns.A;
import static jp.lgwansim.relay.node.TwoTowns.B;
import static jp.lgwansim.relay.node.TwoTowns.FROM;
import static jp.lgwansim.relay.node.TwoTowns.TO;
import static jp.lgwansim.relay.node.TwoTowns.TO_PASSWORD;
import static jp.lgwansim.relay.support.RunningCluster.assertContains;
import static jp.lgwansim.relay.support.TopologyBuilder.NETWORK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Cut links, changed DNS records and a stopped DNS server, seen from the trace and the mailbox. */
class NetworkFaultTest {

  @Test
  void disconnect_nextHop_refusesConnectionsAndDefersUntilReconnected() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().disconnect(B, NETWORK);
      assertEquals(NETWORK, c.awaitFault("link-cut", B).attribute("network"));
      InetSocketAddress bSmtp = c.node(B).smtpAddress(NETWORK).orElseThrow();
      assertThrows(ConnectException.class, () -> new Socket(bSmtp.getAddress(), bSmtp.getPort()));
      assertFalse(c.node(B).isListening(NETWORK));
      assertEquals(List.of(new Fabric.Link(B, NETWORK)), c.cluster().faults().cutLinks());

      String id = c.send(A, FROM, TO);
      c.await("deferred", TraceType.DEFERRED, id, A);

      c.cluster().reconnect(B, NETWORK);
      c.awaitFault("link-restored", B);
      assertTrue(c.node(B).isListening(NETWORK));
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void disconnect_sender_cannotEvenAskItsDns() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      // Mail is handed to A through its own listener before the cut; then its link goes down.
      c.cluster().stopNode(B);
      String id = c.send(A, FROM, TO);
      c.await("deferred", TraceType.DEFERRED, id, A);
      c.cluster().startNode(B);
      c.cluster().disconnect(A, NETWORK);
      c.node(A).flushQueue();
      TraceEvent answer =
          c.trace()
              .await(
                  "DNS fails over the cut link",
                  e ->
                      e.type() == TraceType.DNS_ANSWER
                          && e.messageId().equals(id)
                          && e.attribute("answer").contains("is cut"),
                  RunningCluster.DEADLINE);
      assertEquals("TIMEOUT", answer.attribute("rcode"));

      c.cluster().reconnect(A, NETWORK);
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void removeDnsRecords_mxOfTheDomain_isTracedAndRevertedWithOneCall() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      Name domain = Name.fromString("b.lg.jp.");
      c.cluster().removeDnsRecords(NETWORK, domain, Type.MX);
      TraceEvent fault = c.awaitFault("dns-record", NETWORK);
      assertContains(fault.attribute("before"), "mail.b.lg.jp.");
      assertEquals("", fault.attribute("after"));
      assertEquals(1, c.cluster().faults().dnsChanges().size());

      String lost = c.send(A, FROM, TO);
      // No MX and no address for b.lg.jp itself: the domain cannot receive mail.
      TraceEvent failed = c.await("failed", TraceType.FAILED, lost, A);
      assertContains(failed.attribute("reason"), "b.lg.jp");

      assertEquals(1, c.cluster().revertDns(NETWORK));
      assertTrue(c.cluster().faults().dnsChanges().isEmpty());
      String id = c.send(A, FROM, TO);
      c.await("delivered", TraceType.DELIVERED, id, B);
      assertEquals(0, c.copiesIn(B, TO, TO_PASSWORD, lost));
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void replaceDnsRecords_addressNobodyListensOn_defersThenDeliversOnceWhenReverted()
      throws Exception {
    RunningClusterWithNet setup = new RunningClusterWithNet();
    try (RunningCluster c = setup.cluster) {
      Name host = Name.fromString("mail.b.lg.jp.");
      String nowhere = setup.builder.net().address(9, 9).getHostAddress();
      c.cluster()
          .replaceDnsRecords(
              NETWORK,
              host,
              Type.A,
              List.of(Record.fromString(host, Type.A, 1, 60, nowhere, Name.root)));
      String id = c.send(A, FROM, TO);
      TraceEvent deferred = c.await("deferred", TraceType.DEFERRED, id, A);
      assertContains(deferred.attribute("reason"), nowhere);

      c.cluster().revertDns(NETWORK);
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
    }
  }

  @Test
  void stopDns_queriesTimeOutAndMailWaitsUntilItStartsAgain() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().stopDns(NETWORK);
      c.awaitFault("dns-stopped", NETWORK);
      assertEquals(List.of(NETWORK), c.cluster().faults().stoppedDns());

      String id = c.send(A, FROM, TO);
      TraceEvent deferred = c.await("deferred", TraceType.DEFERRED, id, A);
      assertContains(deferred.attribute("reason"), "DNS");

      c.cluster().startDns(NETWORK);
      c.node(A).flushQueue();
      c.await("delivered", TraceType.DELIVERED, id, B);
      c.awaitEmptyQueue(A);
      assertEquals(1, c.copiesIn(B, TO, TO_PASSWORD, id));
      assertTrue(c.cluster().faults().isEmpty());
    }
  }

  @Test
  void clearAllFaults_undoesEveryKindAtOnce() throws Exception {
    try (RunningCluster c = new RunningCluster(TwoTowns.topology())) {
      c.cluster().stopNode(B);
      c.cluster().disconnect(A, NETWORK);
      c.cluster().setLatency(A, java.time.Duration.ofMillis(10));
      c.cluster().removeDnsRecords(NETWORK, Name.fromString("b.lg.jp."), Type.MX);
      c.cluster().stopDns(NETWORK);
      FaultState before = c.cluster().faults();
      assertEquals(List.of(B), before.stoppedNodes());
      assertEquals(1, before.cutLinks().size());
      assertEquals(1, before.nodeFaults().size());
      assertEquals(1, before.dnsChanges().size());
      assertEquals(List.of(NETWORK), before.stoppedDns());

      c.cluster().clearAllFaults();
      assertTrue(c.cluster().faults().isEmpty(), () -> c.cluster().faults().toString());
      String id = c.send(A, FROM, TO);
      c.await("delivered", TraceType.DELIVERED, id, B);
    }
  }

  /** A cluster with its builder kept, to pick an unused address on the test's network. */
  private static final class RunningClusterWithNet {
    final jp.lgwansim.relay.support.TopologyBuilder builder = TwoTowns.builder();
    final RunningCluster cluster;

    RunningClusterWithNet() throws Exception {
      cluster = new RunningCluster(builder.build());
    }
  }
}
