package jp.lgwansim.relay.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * One message in a node's queue, as {@code lgwan-sim queue} (Postfix's mailq) shows it.
 *
 * @param envelope who it is from and still for
 * @param state being delivered now, or waiting for its next attempt
 * @param nextAttempt when it will be tried again (deferred only)
 * @param lastError why the last attempt did not finish it (empty before the first failure)
 */
public record QueueEntry(
    Envelope envelope, State state, Optional<Instant> nextAttempt, String lastError) {

  /** Postfix's queues: active (in delivery) and deferred (waiting to be retried). */
  public enum State {
    ACTIVE,
    DEFERRED;

    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
