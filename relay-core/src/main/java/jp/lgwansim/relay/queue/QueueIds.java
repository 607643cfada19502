package jp.lgwansim.relay.queue;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Postfix-style queue ids (upper-case hex). They start from the clock in microseconds and count up,
 * so they are unique within a node and keep growing across restarts of the same spool.
 */
public final class QueueIds {
  private final AtomicLong next;

  public QueueIds(Clock clock) {
    java.time.Instant now = clock.instant();
    this.next = new AtomicLong(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
  }

  public String next() {
    return Long.toHexString(next.incrementAndGet()).toUpperCase(java.util.Locale.ROOT);
  }
}
