package jp.lgwansim.relay.queue;

import java.time.Duration;

/**
 * When to try a deferred message again, and when to give up. Postfix's names, scaled for training
 * so that a trainee sees a retry within seconds rather than minutes.
 *
 * @param minimalBackoff first retry delay (Postfix minimal_backoff_time, 300s there)
 * @param maximalBackoff longest delay between tries (Postfix maximal_backoff_time, 4000s there)
 * @param queueLifetime give up after this long in the queue (Postfix maximal_queue_lifetime, 5d)
 */
public record RetryPolicy(
    Duration minimalBackoff, Duration maximalBackoff, Duration queueLifetime) {

  /** The retry part of a topology's queue settings. */
  public static RetryPolicy of(jp.lgwansim.relay.topology.QueueSettings q) {
    return new RetryPolicy(
        q.minimalBackoffTime(), q.maximalBackoffTime(), q.maximalQueueLifetime());
  }

  /** Delay before try {@code attempts + 1}: doubles from the minimum, capped at the maximum. */
  public Duration delayAfter(int attempts) {
    Duration d = minimalBackoff;
    for (int i = 1; i < attempts && d.compareTo(maximalBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maximalBackoff) > 0 ? maximalBackoff : d;
  }
}
