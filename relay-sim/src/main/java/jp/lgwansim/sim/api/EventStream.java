package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;

/**
 * {@code GET /api/events}: the trace as Server-Sent Events, one {@code event: trace} with a
 * one-line JSON {@code data:} ({@link EventDocument}) per trace event.
 *
 * <p>Strategy: the bus thread only offers the event to each client's bounded queue, so a slow
 * client can never hold up mail. A client whose queue is full is dropped: its writer thread is
 * interrupted, which closes its connection even in the middle of a blocked write (the server's
 * sockets are interruptible channels). Each client's own request thread writes its queue out, in
 * batches, and writes a comment line when idle for one heartbeat, which is also how a client that
 * went away is noticed (the write fails) and removed. (A client that stops reading while no new
 * events come keeps its thread blocked in a write until events overflow its queue; the bus is never
 * held up either way.)
 */
final class EventStream implements AutoCloseable {
  private static final byte[] OPENING =
      ": lgwan-sim trace / トレース\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  /** Events written before one flush: keeps a busy stream to few system calls. */
  private static final int BATCH = 256;

  private final ObjectMapper json;
  private final Duration heartbeat;
  private final int bufferPerClient;
  private final int maxClients;
  private final Set<Client> clients = new CopyOnWriteArraySet<>();
  private final AutoCloseable subscription;
  private volatile boolean closed;

  EventStream(
      TraceBus bus, ObjectMapper json, Duration heartbeat, int bufferPerClient, int maxClients) {
    this.json = json;
    this.heartbeat = heartbeat;
    this.bufferPerClient = bufferPerClient;
    this.maxClients = maxClients;
    this.subscription = bus.subscribe(this::offer);
  }

  int clientCount() {
    return clients.size();
  }

  /** Serves one client until it goes away, is dropped, or the stream closes. */
  void serve(HttpExchange exchange) throws IOException, ApiException {
    if (closed) {
      throw new ApiException(503, Bilingual.of("API を停止しています", "The API is shutting down"));
    }
    if (clients.size() >= maxClients) {
      throw new ApiException(
          503,
          Bilingual.of(
              "イベントストリームの接続数が上限 (" + maxClients + ") です。ほかの画面を閉じてください",
              "Too many event streams (limit " + maxClients + "). Close another dashboard first"));
    }
    Client client = new Client(new LinkedBlockingQueue<>(bufferPerClient), Thread.currentThread());
    // Registered before the headers go out: a client that sends mail as soon as it sees them
    // (lgwan-sim send --wait) must not miss the first events.
    clients.add(client);
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      // A stream is never reused; and when a client is dropped, its connection must really end.
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(OPENING);
      out.flush();
      List<TraceEvent> batch = new ArrayList<>(BATCH);
      while (!closed && !client.dropped) {
        TraceEvent first = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (closed || client.dropped) {
          break;
        }
        if (first == null) {
          out.write(HEARTBEAT);
        } else {
          batch.clear();
          batch.add(first);
          client.queue.drainTo(batch, BATCH - 1);
          for (TraceEvent e : batch) {
            out.write(frame(e));
          }
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      // Dropped as too slow, or the server is closing: end this client's stream.
    } catch (IOException e) {
      // The client went away.
    } finally {
      clients.remove(client);
      client.finish();
      // An interrupt stays set on purpose: closing then fails at once instead of blocking on a
      // client that reads nothing (the pool clears the flag before this thread's next request).
      try {
        exchange.close();
      } catch (RuntimeException e) {
        // Nothing more to tell a client that is gone.
      }
    }
  }

  private byte[] frame(TraceEvent e) throws IOException {
    String data = json.writeValueAsString(EventDocument.of(e));
    return ("event: trace\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private void offer(TraceEvent event) {
    for (Client c : clients) {
      if (!c.dropped && !c.queue.offer(event)) {
        clients.remove(c); // counted out now, before its connection closes
        c.drop();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not unsubscribe from the trace bus", e);
    }
    for (Client c : clients) {
      c.drop();
    }
  }

  private static final class Client {
    final BlockingQueue<TraceEvent> queue;
    final Thread writer;
    volatile boolean dropped;
    private boolean finished;

    Client(BlockingQueue<TraceEvent> queue, Thread writer) {
      this.queue = queue;
      this.writer = writer;
    }

    /** Stops the client; interrupts its writer only while it still serves this client. */
    synchronized void drop() {
      dropped = true;
      queue.clear();
      if (!finished) {
        writer.interrupt();
      }
    }

    /** After this, the writer thread goes back to the pool and must not be interrupted. */
    synchronized void finish() {
      finished = true;
    }
  }
}
