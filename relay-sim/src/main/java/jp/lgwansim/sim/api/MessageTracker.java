package jp.lgwansim.sim.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;

/**
 * Follows every message on a {@link TraceBus} and keeps what the API shows of it.
 *
 * <p>Events are grouped by {@code messageId}, which follows a message across nodes; events with an
 * empty one (a RCPT refused before any message existed) belong to no message and are skipped.
 *
 * <p>Status rules, evaluated after every event of the message:
 *
 * <ul>
 *   <li><b>delivered</b> when every original recipient (the {@code to} of the first RECEIVED) has a
 *       DELIVERED event ({@code mailbox}, compared without case);
 *   <li><b>failed</b> when every original recipient is delivered or named by a FAILED event ({@code
 *       recipients}; a FAILED without it names every recipient not yet delivered) and at least one
 *       is failed; also a message no node ever received but one REJECTED;
 *   <li><b>deferred</b> when the latest status-bearing event (RECEIVED, RELAYED, DELIVERED,
 *       DEFERRED, FAILED) is DEFERRED: a later relay or delivery ends the deferral, DNS queries of
 *       the retry do not;
 *   <li><b>queued</b> otherwise.
 * </ul>
 *
 * <p>Memory is bounded: at most {@code capacity} messages (default {@value #DEFAULT_CAPACITY}; the
 * oldest-seen message is dropped first) and, per message, the newest {@value
 * #MAX_EVENTS_PER_MESSAGE} events (a message deferred for days keeps retrying; its status is kept
 * incrementally, so dropping old events never changes it). Ten thousand Figure-1 messages of about
 * fifteen events take a few tens of megabytes.
 *
 * <p>The bus calls the tracker on the publishing node's thread, so the work per event is a map
 * lookup and a few set insertions under this object's lock.
 */
public final class MessageTracker implements AutoCloseable {
  /** Messages kept by default: a long training session, still small in memory. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** Events kept per message: far more than any route of the figures needs. */
  public static final int MAX_EVENTS_PER_MESSAGE = 1_000;

  private final int capacity;
  private final LinkedHashMap<String, Entry> byMessageId = new LinkedHashMap<>();
  private final Map<String, String> messageIdById = new HashMap<>();
  private final AutoCloseable subscription;

  public MessageTracker(TraceBus bus) {
    this(bus, DEFAULT_CAPACITY);
  }

  public MessageTracker(TraceBus bus, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.subscription = bus.subscribe(this::onEvent);
  }

  /** Every kept message, oldest first. */
  public synchronized List<TrackedMessage> messages() {
    List<TrackedMessage> all = new ArrayList<>(byMessageId.size());
    for (Entry e : byMessageId.values()) {
      all.add(e.snapshot());
    }
    return all;
  }

  /**
   * Finds a message by its short id or by its Message-ID (with or without angle brackets). Should
   * two nodes ever hand out the same queue id, the short id names the newer message.
   */
  public synchronized Optional<TrackedMessage> find(String idOrMessageId) {
    String key = stripBrackets(idOrMessageId.trim());
    String messageId = messageIdById.getOrDefault(key, key);
    Entry e = byMessageId.get(messageId);
    return e == null ? Optional.empty() : Optional.of(e.snapshot());
  }

  /** How many messages are kept now. */
  public synchronized int size() {
    return byMessageId.size();
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not unsubscribe from the trace bus", e);
    }
  }

  static String stripBrackets(String messageId) {
    if (messageId.startsWith("<") && messageId.endsWith(">") && messageId.length() >= 2) {
      return messageId.substring(1, messageId.length() - 1);
    }
    return messageId;
  }

  private synchronized void onEvent(TraceEvent event) {
    if (event.messageId() == null || event.messageId().isEmpty()) {
      return;
    }
    Entry entry = byMessageId.get(event.messageId());
    if (entry == null) {
      if (byMessageId.size() >= capacity) {
        Iterator<Entry> oldest = byMessageId.values().iterator();
        Entry dropped = oldest.next();
        oldest.remove();
        messageIdById.remove(dropped.id, dropped.messageId);
      }
      entry = new Entry(event.messageId());
      byMessageId.put(event.messageId(), entry);
    }
    String idBefore = entry.id;
    entry.add(event);
    if (!entry.id.equals(idBefore)) {
      messageIdById.remove(idBefore, entry.messageId);
      messageIdById.put(entry.id, entry.messageId);
    }
  }

  private static List<String> splitAddresses(String commaList) {
    List<String> out = new ArrayList<>();
    for (String part : commaList.split(",")) {
      String a = stripBrackets(part.trim());
      if (!a.isEmpty()) {
        out.add(a);
      }
    }
    return out;
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /** The mutable state of one message; only touched under the tracker's lock. */
  private static final class Entry {
    private static final Set<TraceType> STATUS_BEARING =
        Set.copyOf(
            Arrays.asList(
                TraceType.RECEIVED,
                TraceType.RELAYED,
                TraceType.DELIVERED,
                TraceType.DEFERRED,
                TraceType.FAILED));

    final String messageId;
    String id;
    boolean received;
    String from = "";
    List<String> to = List.of();
    String subject = "";
    final List<String> hops = new ArrayList<>();
    final Set<String> delivered = new LinkedHashSet<>();
    final Set<String> failed = new LinkedHashSet<>();
    TraceType lastStatusBearing;
    boolean rejected;
    final Deque<TraceEvent> events = new ArrayDeque<>();

    Entry(String messageId) {
      this.messageId = messageId;
      this.id = messageId;
    }

    void add(TraceEvent e) {
      events.addLast(e);
      if (events.size() > MAX_EVENTS_PER_MESSAGE) {
        events.removeFirst();
      }
      if (STATUS_BEARING.contains(e.type())) {
        lastStatusBearing = e.type();
      }
      switch (e.type()) {
        case RECEIVED:
          hops.add(e.node());
          if (!received) {
            received = true;
            if (!e.queueId().isEmpty()) {
              id = e.queueId();
            }
            from = stripBrackets(e.attribute("from"));
            to = splitAddresses(e.attribute("to"));
            subject = e.attribute("subject");
          }
          break;
        case DELIVERED:
          delivered.add(key(stripBrackets(e.attribute("mailbox"))));
          break;
        case FAILED:
          List<String> named = splitAddresses(e.attribute("recipients"));
          if (named.isEmpty()) {
            for (String r : to) {
              if (!delivered.contains(key(r))) {
                failed.add(key(r));
              }
            }
          } else {
            for (String r : named) {
              failed.add(key(r));
            }
          }
          break;
        case REJECTED:
          rejected = true;
          if (!received) {
            from = stripBrackets(e.attribute("from"));
            to = splitAddresses(e.attribute("to"));
          }
          break;
        default:
          break;
      }
    }

    MessageStatus status() {
      if (!received) {
        return rejected ? MessageStatus.FAILED : MessageStatus.QUEUED;
      }
      boolean allDelivered = !to.isEmpty();
      boolean allSettled = !to.isEmpty();
      boolean anyFailed = false;
      for (String r : to) {
        boolean d = delivered.contains(key(r));
        boolean f = failed.contains(key(r));
        allDelivered &= d;
        allSettled &= d || f;
        anyFailed |= f && !d;
      }
      if (allDelivered) {
        return MessageStatus.DELIVERED;
      }
      if (allSettled && anyFailed) {
        return MessageStatus.FAILED;
      }
      if (lastStatusBearing == TraceType.DEFERRED) {
        return MessageStatus.DEFERRED;
      }
      return MessageStatus.QUEUED;
    }

    TrackedMessage snapshot() {
      return new TrackedMessage(
          id, messageId, from, to, subject, status(), hops, new ArrayList<>(events));
    }
  }
}
