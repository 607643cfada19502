package jp.lgwansim.relay.outbound;

/**
 * What became of one recipient in one delivery attempt. Closed, so the queue manager handles every
 * case and an unexpected error can never be mistaken for a permanent one.
 */
public sealed interface DeliveryOutcome {

  /** The next hop (or mailbox) took it: the reply text, e.g. {@code 250 2.0.0 Ok: queued as X}. */
  record Delivered(String reply) implements DeliveryOutcome {}

  /** 4xx, a timeout, a refused connection, DNS trouble: try again later. */
  record TemporaryFailure(String reason) implements DeliveryOutcome {}

  /** 5xx, no such domain, a loop: give up and tell the sender. */
  record PermanentFailure(String reason) implements DeliveryOutcome {}
}
