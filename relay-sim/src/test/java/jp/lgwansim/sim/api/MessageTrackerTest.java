package jp.lgwansim.sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageTrackerTest {
  private static final String MID = "1.abc@city-a.lg.jp";

  private final TraceBus bus = new TraceBus();
  private MessageTracker tracker = new MessageTracker(bus);

  @AfterEach
  void close() {
    tracker.close();
  }

  private void publish(
      String node,
      TraceType type,
      String messageId,
      String queueId,
      Map<String, String> attributes) {
    bus.publish(node, type, messageId, queueId, Bilingual.of("説明", "explanation"), attributes);
  }

  private void received(String node, String queueId, String to) {
    publish(
        node,
        TraceType.RECEIVED,
        MID,
        queueId,
        Map.of(
            "from",
            "taro@city-a.lg.jp",
            "to",
            to,
            "subject",
            "会議の件",
            "client",
            "127.0.0.1",
            "helo",
            "console",
            "size",
            "321"));
  }

  private MessageStatus status() {
    return tracker.find(MID).orElseThrow().status();
  }

  @Test
  void find_afterFirstReceived_knowsSenderRecipientsSubjectAndShortId() {
    received("city-a", "AQ7", "hanako@town-b.lg.jp,jiro@town-b.lg.jp");

    TrackedMessage m = tracker.find("AQ7").orElseThrow();
    assertEquals("AQ7", m.id());
    assertEquals(MID, m.messageId());
    assertEquals("taro@city-a.lg.jp", m.from());
    assertEquals(List.of("hanako@town-b.lg.jp", "jiro@town-b.lg.jp"), m.to());
    assertEquals("会議の件", m.subject());
    assertEquals(MessageStatus.QUEUED, m.status());
    assertEquals(m, tracker.find("<" + MID + ">").orElseThrow());
  }

  @Test
  void hops_areTheReceivingNodesInOrder_andTheIdStaysTheFirstNodes() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp");
    received("relay", "RQ1", "hanako@town-b.lg.jp");
    received("town-b", "TQ1", "hanako@town-b.lg.jp");

    TrackedMessage m = tracker.find(MID).orElseThrow();
    assertEquals(List.of("city-a", "relay", "town-b"), m.hops());
    assertEquals("AQ1", m.id());
    assertTrue(tracker.find("TQ1").isEmpty(), "only the first node's queue id names the message");
  }

  @Test
  void status_deliveredOnlyWhenEveryRecipientIsDelivered() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp,jiro@town-b.lg.jp");
    publish("town-b", TraceType.DELIVERED, MID, "TQ1", Map.of("mailbox", "hanako@town-b.lg.jp"));
    assertEquals(MessageStatus.QUEUED, status());

    publish("town-b", TraceType.DELIVERED, MID, "TQ1", Map.of("mailbox", "Jiro@Town-B.lg.jp"));
    assertEquals(MessageStatus.DELIVERED, status());
  }

  @Test
  void status_failedWhenEveryRecipientIsSettledAndOneFailed() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp,nobody@town-b.lg.jp");
    publish(
        "relay",
        TraceType.FAILED,
        MID,
        "RQ1",
        Map.of("reason", "550 5.1.1 no such user", "recipients", "nobody@town-b.lg.jp"));
    assertEquals(MessageStatus.QUEUED, status(), "hanako's copy is still on its way");

    publish("town-b", TraceType.DELIVERED, MID, "TQ1", Map.of("mailbox", "hanako@town-b.lg.jp"));
    assertEquals(MessageStatus.FAILED, status());
  }

  @Test
  void status_failedWithoutRecipients_failsEveryUndeliveredRecipient() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp");
    publish("city-a", TraceType.FAILED, MID, "AQ1", Map.of("reason", "NXDOMAIN"));
    assertEquals(MessageStatus.FAILED, status());
  }

  @Test
  void status_deferredUntilTheNextRelayOrDelivery() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp");
    publish(
        "city-a",
        TraceType.DEFERRED,
        MID,
        "AQ1",
        Map.of(
            "reason",
            "connection refused",
            "nextAttempt",
            "2025-01-01T00:05:00Z",
            "recipients",
            "hanako@town-b.lg.jp"));
    assertEquals(MessageStatus.DEFERRED, status());

    publish("city-a", TraceType.DNS_QUERY, MID, "AQ1", Map.of("query", "town-b.lg.jp"));
    assertEquals(MessageStatus.DEFERRED, status(), "a retry's DNS query does not end the deferral");

    publish("city-a", TraceType.RELAYED, MID, "AQ1", Map.of("nextHop", "relay.lgwan.jp"));
    assertEquals(MessageStatus.QUEUED, status());

    publish("town-b", TraceType.DELIVERED, MID, "TQ1", Map.of("mailbox", "hanako@town-b.lg.jp"));
    assertEquals(MessageStatus.DELIVERED, status());
  }

  @Test
  void status_rejectedBeforeAnyNodeReceivedIt_isFailed() {
    publish(
        "city-a",
        TraceType.REJECTED,
        MID,
        "",
        Map.of(
            "stage",
            "DATA",
            "reply",
            "554 5.6.0 hop count exceeded",
            "client",
            "127.0.0.1",
            "from",
            "taro@city-a.lg.jp",
            "to",
            "hanako@town-b.lg.jp"));

    TrackedMessage m = tracker.find(MID).orElseThrow();
    assertEquals(MessageStatus.FAILED, m.status());
    assertEquals(List.of("hanako@town-b.lg.jp"), m.to());
  }

  @Test
  void events_withoutMessageId_belongToNoMessage() {
    publish(
        "city-a",
        TraceType.REJECTED,
        "",
        "",
        Map.of("stage", "RCPT", "reply", "550 5.7.1 relay denied"));
    assertEquals(0, tracker.size());
  }

  @Test
  void capacity_dropsTheOldestMessageFirst() {
    tracker.close();
    tracker = new MessageTracker(bus, 2);
    for (int i = 1; i <= 3; i++) {
      publish(
          "city-a",
          TraceType.RECEIVED,
          "m" + i + "@city-a.lg.jp",
          "AQ" + i,
          Map.of("from", "taro@city-a.lg.jp", "to", "hanako@town-b.lg.jp"));
    }

    assertEquals(2, tracker.size());
    assertFalse(tracker.find("AQ1").isPresent());
    assertFalse(tracker.find("m1@city-a.lg.jp").isPresent());
    assertEquals(
        List.of("AQ2", "AQ3"), tracker.messages().stream().map(TrackedMessage::id).toList());
  }

  @Test
  void events_perMessageAreBounded_andStatusSurvivesDroppedEvents() {
    received("city-a", "AQ1", "hanako@town-b.lg.jp");
    for (int i = 0; i < MessageTracker.MAX_EVENTS_PER_MESSAGE + 10; i++) {
      publish("city-a", TraceType.DEFERRED, MID, "AQ1", Map.of("reason", "try " + i));
    }

    TrackedMessage m = tracker.find("AQ1").orElseThrow();
    assertEquals(MessageTracker.MAX_EVENTS_PER_MESSAGE, m.events().size());
    assertEquals(MessageStatus.DEFERRED, m.status());
    assertEquals(List.of("city-a"), m.hops());
    assertEquals("AQ1", m.id());
  }
}
