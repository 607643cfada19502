package jp.lgwansim.relay.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The faults injected into one node's SMTP listeners: a reply per stage ({@link ReplyFault}) and a
 * delay before every reply. Set and cleared from the control API while connections are being
 * served, so every method is thread-safe; the listeners consult it on each command.
 *
 * <p>Latency is slept on the connection's own thread: that is the fault (a slow server holds the
 * client's connection), and a simulated server serves few connections at once.
 */
public final class NodeFaults {
  /** The longest delay accepted: longer only looks like a hang (clients time out after 30 s). */
  public static final Duration MAX_LATENCY = Duration.ofMinutes(5);

  private final Map<ReplyFault.Stage, ReplyFault> replies = new EnumMap<>(ReplyFault.Stage.class);
  private final RandomGenerator random;
  private Duration latency = Duration.ZERO;

  /**
   * @param random decides, per message, whether a fault with a fraction below 1 applies; tests give
   *     a predictable one
   */
  public NodeFaults(RandomGenerator random) {
    this.random = random;
  }

  /** Sets the reply of its stage, replacing any earlier one at that stage. */
  public synchronized void setReply(ReplyFault fault) {
    replies.put(fault.stage(), fault);
  }

  /**
   * Delays every reply by {@code latency}; zero removes the delay.
   *
   * @throws IllegalArgumentException if negative or above {@link #MAX_LATENCY}
   */
  public synchronized void setLatency(Duration latency) {
    if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
      throw new IllegalArgumentException(
          "latency " + latency.toMillis() + " ms is not between 0 and " + MAX_LATENCY.toMillis());
    }
    this.latency = latency;
  }

  /** Removes every reply fault and the latency. */
  public synchronized void clear() {
    replies.clear();
    latency = Duration.ZERO;
  }

  /** What is set now. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(new ArrayList<>(replies.values()), latency);
  }

  /**
   * The reply to give at this stage for this message (or connection), if any: a fault with a
   * fraction applies when a fresh random draw falls below it.
   */
  public synchronized Optional<ReplyFault> roll(ReplyFault.Stage stage) {
    ReplyFault fault = replies.get(stage);
    if (fault == null || fault.fraction() <= 0) {
      return Optional.empty();
    }
    if (fault.fraction() >= 1 || random.nextDouble() < fault.fraction()) {
      return Optional.of(fault);
    }
    return Optional.empty();
  }

  /** Sleeps the latency, if any, on the caller's (the connection's) thread. */
  public void delay() {
    Duration d;
    synchronized (this) {
      d = latency;
    }
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      // The listener is stopping: answer now and let it close the connection.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The faults set at one moment.
   *
   * @param replies one per stage at most, in stage order
   * @param latency zero for none
   */
  public record Snapshot(List<ReplyFault> replies, Duration latency) {
    public Snapshot {
      replies = List.copyOf(replies);
    }

    public boolean isEmpty() {
      return replies.isEmpty() && latency.isZero();
    }
  }
}
