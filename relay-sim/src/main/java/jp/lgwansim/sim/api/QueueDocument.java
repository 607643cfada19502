package jp.lgwansim.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import jp.lgwansim.relay.queue.QueueEntry;

/**
 * One queued message as {@code GET /api/queue} shows it (Postfix's mailq, one line per message).
 *
 * @param node the node that holds it
 * @param queueId its id at that node
 * @param messageId the Message-ID, without angle brackets
 * @param from envelope sender, empty for a bounce
 * @param to the recipients still to deliver
 * @param subject the decoded subject
 * @param arrival when the node accepted it (ISO-8601)
 * @param attempts delivery attempts so far
 * @param state {@code active} (being delivered) or {@code deferred} (waiting for a retry)
 * @param nextAttempt when it is tried again; absent when active, or while the node is stopped
 * @param lastError why the last attempt did not finish it; empty before the first failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueDocument(
    String node,
    String queueId,
    String messageId,
    String from,
    List<String> to,
    String subject,
    String arrival,
    int attempts,
    String state,
    String nextAttempt,
    String lastError) {

  static QueueDocument of(String node, QueueEntry e) {
    return new QueueDocument(
        node,
        e.envelope().queueId(),
        e.envelope().messageId(),
        e.envelope().sender(),
        e.envelope().recipients(),
        e.envelope().subject(),
        e.envelope().arrival().toString(),
        e.envelope().attempts(),
        e.state().apiName(),
        e.nextAttempt().map(Object::toString).orElse(null),
        e.lastError());
  }
}
