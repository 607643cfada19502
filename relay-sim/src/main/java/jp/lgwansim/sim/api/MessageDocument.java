package jp.lgwansim.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import jp.lgwansim.relay.trace.TraceEvent;

/**
 * The JSON of one message: without {@code events} in {@code GET /api/messages}, with them in {@code
 * GET /api/messages/{id}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageDocument(
    String id,
    String messageId,
    String from,
    List<String> to,
    String subject,
    String status,
    List<String> hops,
    List<EventDocument> events) {

  public static MessageDocument summary(TrackedMessage m) {
    return new MessageDocument(
        m.id(), m.messageId(), m.from(), m.to(), m.subject(), m.status().apiName(), m.hops(), null);
  }

  public static MessageDocument detail(TrackedMessage m) {
    List<EventDocument> events = new ArrayList<>(m.events().size());
    for (TraceEvent e : m.events()) {
      events.add(EventDocument.of(e));
    }
    return new MessageDocument(
        m.id(),
        m.messageId(),
        m.from(),
        m.to(),
        m.subject(),
        m.status().apiName(),
        m.hops(),
        events);
  }
}
