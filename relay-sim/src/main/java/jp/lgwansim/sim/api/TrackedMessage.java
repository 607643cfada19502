package jp.lgwansim.sim.api;

import java.util.List;
import jp.lgwansim.relay.trace.TraceEvent;

/**
 * A snapshot of one message as the trace tells it.
 *
 * @param id short stable id: the queue id at the first node that received it (the Message-ID when
 *     no node has received it)
 * @param messageId the Message-ID header without angle brackets
 * @param from envelope sender at the first node
 * @param to envelope recipients at the first node
 * @param subject the Subject header as the first node saw it
 * @param status where it stands
 * @param hops node ids of its RECEIVED events, in order
 * @param events its events in bus order (the newest {@link MessageTracker#MAX_EVENTS_PER_MESSAGE})
 */
public record TrackedMessage(
    String id,
    String messageId,
    String from,
    List<String> to,
    String subject,
    MessageStatus status,
    List<String> hops,
    List<TraceEvent> events) {

  public TrackedMessage {
    to = List.copyOf(to);
    hops = List.copyOf(hops);
    events = List.copyOf(events);
  }
}
