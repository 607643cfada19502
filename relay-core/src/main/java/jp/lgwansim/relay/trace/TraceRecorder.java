package jp.lgwansim.relay.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Keeps the events of a bus and lets a caller wait for one with a deadline: how tests and the CLI
 * wait for mail, instead of sleeping and hoping.
 */
public final class TraceRecorder implements AutoCloseable {
  private final List<TraceEvent> events = new ArrayList<>();
  private final AutoCloseable subscription;

  public TraceRecorder(TraceBus bus) {
    this.subscription = bus.subscribe(this::add);
  }

  private synchronized void add(TraceEvent event) {
    events.add(event);
    notifyAll();
  }

  public synchronized List<TraceEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Waits until an event matches, and returns the first that does.
   *
   * @throws TimeoutException naming what was awaited and listing what was seen
   */
  public synchronized TraceEvent await(
      String description, Predicate<TraceEvent> condition, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (TraceEvent e : events) {
        if (condition.test(e)) {
          return e;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        StringBuilder seen = new StringBuilder();
        for (TraceEvent e : events) {
          seen.append("\n  ")
              .append(e.node())
              .append(' ')
              .append(e.type().apiName())
              .append(' ')
              .append(e.text().en());
        }
        throw new TimeoutException(
            "no trace event '" + description + "' within " + timeout + "; seen:" + seen);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
