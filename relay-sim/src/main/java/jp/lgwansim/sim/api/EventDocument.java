package jp.lgwansim.sim.api;

import java.util.Map;
import java.util.TreeMap;
import jp.lgwansim.relay.trace.TraceEvent;

/**
 * The JSON of one trace event, in a message's {@code events} and on {@code /api/events}.
 *
 * @param seq order on the bus, from 1
 * @param time ISO-8601 instant
 * @param node node id
 * @param type {@link jp.lgwansim.relay.trace.TraceType#apiName()}
 * @param messageId Message-ID without angle brackets (empty when none)
 * @param queueId the node-local queue id (empty when none)
 * @param detail the English explanation
 * @param detailJa the Japanese explanation
 * @param attributes the machine-readable details, sorted by key
 */
public record EventDocument(
    long seq,
    String time,
    String node,
    String type,
    String messageId,
    String queueId,
    String detail,
    String detailJa,
    Map<String, String> attributes) {

  public static EventDocument of(TraceEvent e) {
    return new EventDocument(
        e.seq(),
        e.time().toString(),
        e.node(),
        e.type().apiName(),
        e.messageId(),
        e.queueId(),
        e.text().en(),
        e.text().ja(),
        new TreeMap<>(e.attributes()));
  }
}
