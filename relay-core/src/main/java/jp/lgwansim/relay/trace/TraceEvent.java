package jp.lgwansim.relay.trace;

import java.time.Instant;
import java.util.Map;

/**
 * One step of one message at one node.
 *
 * @param seq order of publication on the bus, from 1
 * @param time when it happened
 * @param node the node id
 * @param type what happened
 * @param messageId the message's {@code Message-ID} header without angle brackets, which follows it
 *     across nodes; empty for events that belong to no message yet (a rejected RCPT)
 * @param queueId the node-local queue id, empty when there is none
 * @param text the explanation a trainee reads
 * @param attributes machine-readable details (e.g. {@code query}, {@code answer}, {@code nextHop},
 *     {@code reply})
 */
public record TraceEvent(
    long seq,
    Instant time,
    String node,
    TraceType type,
    String messageId,
    String queueId,
    Bilingual text,
    Map<String, String> attributes) {

  public TraceEvent {
    attributes = Map.copyOf(attributes);
  }

  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }
}
