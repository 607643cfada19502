package jp.lgwansim.relay.queue;

import java.time.Instant;
import java.util.List;

/**
 * What the spool keeps beside a message's bytes: who sent it, who it is still for, and how its
 * delivery has gone so far.
 *
 * @param queueId this node's id of the message, unique in its spool
 * @param messageId the {@code Message-ID} header without angle brackets (the trace key)
 * @param sender envelope sender (MAIL FROM), empty for a bounce
 * @param recipients the recipients not yet delivered, relayed or failed
 * @param subject the decoded Subject, for people
 * @param arrival when this node accepted it
 * @param attempts delivery attempts made so far
 * @param delayWarned whether the sender was already told that it is delayed (told once only)
 */
public record Envelope(
    String queueId,
    String messageId,
    String sender,
    List<String> recipients,
    String subject,
    Instant arrival,
    int attempts,
    boolean delayWarned) {

  public Envelope {
    recipients = List.copyOf(recipients);
  }

  /** A message just accepted: no attempt yet, no warning sent. */
  public static Envelope accepted(
      String queueId,
      String messageId,
      String sender,
      List<String> recipients,
      String subject,
      Instant arrival) {
    return new Envelope(queueId, messageId, sender, recipients, subject, arrival, 0, false);
  }

  public Envelope withRecipients(List<String> remaining) {
    return new Envelope(
        queueId, messageId, sender, remaining, subject, arrival, attempts, delayWarned);
  }

  public Envelope withAttempt() {
    return new Envelope(
        queueId, messageId, sender, recipients, subject, arrival, attempts + 1, delayWarned);
  }

  public Envelope withDelayWarned() {
    return new Envelope(queueId, messageId, sender, recipients, subject, arrival, attempts, true);
  }
}
