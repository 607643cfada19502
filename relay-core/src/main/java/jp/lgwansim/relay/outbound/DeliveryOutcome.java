package jp.lgwansim.relay.outbound;

import jp.lgwansim.relay.trace.Bilingual;

/**
 * What became of one recipient in one delivery attempt. Closed, so the queue manager handles every
 * case and an unexpected error can never be mistaken for a permanent one.
 */
public sealed interface DeliveryOutcome {

  /** The next hop (or mailbox) took it: the reply text, e.g. {@code 250 2.0.0 Ok: queued as X}. */
  record Delivered(String reply) implements DeliveryOutcome {}

  /**
   * 4xx, a timeout, a refused connection, DNS trouble: try again later.
   *
   * @param reason for logs and the API (English, with the SMTP reply or status code)
   * @param why for people, Japanese and English
   */
  record TemporaryFailure(String reason, Bilingual why) implements DeliveryOutcome {
    /** A failure whose only words are a reply of another server (which speaks English). */
    public TemporaryFailure(String reason) {
      this(reason, Bilingual.of("一時的なエラー: " + reason, "temporary failure: " + reason));
    }
  }

  /**
   * 5xx, no such domain, a loop: give up and tell the sender.
   *
   * @param reason for logs and the API (English, with the SMTP reply or status code)
   * @param why for people, Japanese and English
   */
  record PermanentFailure(String reason, Bilingual why) implements DeliveryOutcome {
    /** A failure whose only words are a reply of another server (which speaks English). */
    public PermanentFailure(String reason) {
      this(reason, Bilingual.of("恒久的なエラー: " + reason, "permanent failure: " + reason));
    }
  }
}
