package jp.lgwansim.relay.outbound;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Open SMTP connections kept for reuse, and the limit of parallel deliveries, per next hop (as
 * Postfix's scache and qmgr's destination concurrency).
 *
 * <p>Strategy: a delivery takes a permit of its destination (waiting if the destination is busy),
 * then an idle connection if one is cached. After a clean transaction the connection goes back to
 * the cache; it is closed when no delivery takes it within {@link #IDLE_LIMIT}, or when it is older
 * than {@link #REUSE_TIME_LIMIT}. A connection that saw any error is never cached. A busy
 * destination thus gets a few long-lived connections instead of one TCP handshake, greeting and
 * EHLO per message; an idle one holds no connection (and no thread on the server side).
 */
final class ConnectionCache implements AutoCloseable {
  /** Postfix's smtp_connection_cache_time_limit: how long an unused connection is kept. */
  static final Duration IDLE_LIMIT = Duration.ofSeconds(2);

  /** Postfix's smtp_connection_reuse_time_limit: after this, a connection is not reused. */
  static final Duration REUSE_TIME_LIMIT = Duration.ofSeconds(300);

  private final ScheduledExecutorService scheduler;
  private final int concurrency;
  private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A connection and when it was opened. */
  record Connection(SMTPTransport transport, long openedNanos) {
    boolean tooOld() {
      return System.nanoTime() - openedNanos > REUSE_TIME_LIMIT.toNanos();
    }
  }

  private static final class Destination {
    final Semaphore permits;
    final Deque<Idle> idle = new ArrayDeque<>();

    Destination(int concurrency) {
      permits = new Semaphore(concurrency, true);
    }
  }

  private record Idle(Connection connection, ScheduledFuture<?> closer) {}

  /** A permit to deliver to one destination; closing it gives the permit back. */
  final class Lease implements AutoCloseable {
    private final Destination destination;
    private boolean released;

    private Lease(Destination destination) {
      this.destination = destination;
    }

    /** A cached connection that still answers, if there is one. */
    Optional<Connection> reuse() {
      while (true) {
        Idle idle;
        synchronized (destination) {
          idle = destination.idle.pollFirst();
        }
        if (idle == null) {
          return Optional.empty();
        }
        if (!idle.closer().cancel(false)) {
          continue; // the idle timer is closing it right now
        }
        // isConnected() sends NOOP: a connection the server dropped is found here, not mid-mail.
        if (!idle.connection().tooOld() && idle.connection().transport().isConnected()) {
          return Optional.of(idle.connection());
        }
        quietlyClose(idle.connection().transport());
      }
    }

    /** Caches a connection after a clean transaction, or closes it if it may not be reused. */
    void keep(Connection connection) {
      if (closed || connection.tooOld()) {
        quietlyClose(connection.transport());
        return;
      }
      synchronized (destination) {
        try {
          Idle[] self = new Idle[1];
          ScheduledFuture<?> closer =
              scheduler.schedule(
                  () -> {
                    synchronized (destination) {
                      destination.idle.remove(self[0]);
                    }
                    quietlyClose(connection.transport());
                  },
                  IDLE_LIMIT.toMillis(),
                  TimeUnit.MILLISECONDS);
          self[0] = new Idle(connection, closer);
          destination.idle.addFirst(self[0]);
        } catch (RejectedExecutionException e) {
          quietlyClose(connection.transport()); // shutting down
        }
      }
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        destination.permits.release();
      }
    }
  }

  /**
   * @param concurrency parallel deliveries per destination (Postfix's
   *     default_destination_concurrency_limit)
   */
  ConnectionCache(ScheduledExecutorService scheduler, int concurrency) {
    this.scheduler = scheduler;
    this.concurrency = concurrency;
  }

  /** Waits for a permit to deliver to {@code destination} (a source and target socket). */
  Lease lease(String destination) throws InterruptedException {
    Destination d = destinations.computeIfAbsent(destination, k -> new Destination(concurrency));
    d.permits.acquire();
    return new Lease(d);
  }

  /** Closes every cached connection; later ones are closed instead of cached. */
  @Override
  public void close() {
    closed = true;
    for (Destination d : destinations.values()) {
      synchronized (d) {
        for (Idle idle : d.idle) {
          idle.closer().cancel(false);
          quietlyClose(idle.connection().transport());
        }
        d.idle.clear();
      }
    }
  }

  static void quietlyClose(SMTPTransport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // QUIT failed: the connection is gone either way.
    }
  }
}
