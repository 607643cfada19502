package jp.lgwansim.relay.trace;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every node publishes its steps. Listeners run on the publishing thread and must be quick;
 * one that throws is logged and kept, so a broken listener never stops mail.
 */
public final class TraceBus {
  private static final Logger log = LoggerFactory.getLogger(TraceBus.class);

  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();
  private final List<Consumer<TraceEvent>> listeners = new CopyOnWriteArrayList<>();

  public TraceBus(Clock clock) {
    this.clock = clock;
  }

  public TraceBus() {
    this(Clock.systemUTC());
  }

  /** Adds a listener; closing the result removes it. */
  public AutoCloseable subscribe(Consumer<TraceEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Publishes one event, numbered and timed here so that the order is the bus's order. */
  public TraceEvent publish(
      String node,
      TraceType type,
      String messageId,
      String queueId,
      Bilingual text,
      Map<String, String> attributes) {
    TraceEvent event;
    synchronized (this) {
      event =
          new TraceEvent(
              seq.incrementAndGet(),
              clock.instant(),
              node,
              type,
              messageId,
              queueId,
              text,
              attributes);
      for (Consumer<TraceEvent> l : listeners) {
        try {
          l.accept(event);
        } catch (RuntimeException e) {
          log.warn("trace listener failed on event {}", event.seq(), e);
        }
      }
    }
    log.debug("[{}] {} {} {}", node, type.apiName(), messageId, text.en());
    return event;
  }
}
