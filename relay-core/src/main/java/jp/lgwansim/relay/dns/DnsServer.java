package jp.lgwansim.relay.dns;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real authoritative DNS server for one {@link DnsView}, on UDP and TCP at one address and port,
 * so that nodes, {@code dig} and {@code nslookup} all get their answers the same way.
 *
 * <p>Threads are bounded because a simulation runs one server per view in one JVM: one UDP thread
 * receives and answers inline (answers come from memory in microseconds, so a pool would only add
 * hand-offs), one thread accepts TCP connections, and each TCP connection is one short task on a
 * small pool that exists only while connections do. TCP here is mostly the retry after a truncated
 * UDP answer, so a few workers are plenty; a connection beyond the pool's queue is closed at once.
 *
 * <p>Nothing a client sends stops the server: malformed requests get FORMERR or are dropped (see
 * {@link WireResponder}) and are logged at debug level; an unexpected failure while answering is
 * logged as a warning and the server carries on.
 */
public final class DnsServer implements AutoCloseable {
  /**
   * How long a TCP connection may stay silent before we close it. RFC 7766 §6.2.3 asks servers for
   * an idle timeout of the order of seconds; answers here are instant, so only idle clients wait.
   */
  static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(5);

  /** TCP connections served at once per server; more wait in the queue below. */
  static final int TCP_WORKERS = 4;

  /** TCP connections waiting for a worker; beyond this they are closed, as BIND's tcp-clients. */
  static final int TCP_QUEUE = 32;

  /**
   * Tries at finding a port free on both UDP and TCP when asked for port 0: the UDP port the system
   * picks may be taken on TCP, rarely; a few tries make that failure practically impossible.
   */
  static final int EPHEMERAL_BIND_ATTEMPTS = 5;

  /** Largest UDP request we read; a DNS message over UDP cannot be longer. */
  private static final int UDP_BUFFER = 65_535;

  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private final DnsView view;
  private final InetSocketAddress bindAddress;
  private final Consumer<DnsExchange> listener;
  private final WireResponder responder;
  private final AtomicLong queries = new AtomicLong();
  private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;
  private DatagramSocket udp;
  private ServerSocket tcp;
  private ThreadPoolExecutor tcpWorkers;
  private Thread udpThread;
  private Thread acceptThread;

  /** A server for this view at this address; port 0 picks a free port on start. */
  public DnsServer(DnsView view, InetSocketAddress bindAddress) {
    this(view, bindAddress, exchange -> {});
  }

  /**
   * A server that also reports every answered question to {@code listener}. The listener runs on
   * the server's own threads, so it must be quick and should not throw (a throw is logged and
   * ignored).
   */
  public DnsServer(DnsView view, InetSocketAddress bindAddress, Consumer<DnsExchange> listener) {
    this.view = view;
    this.bindAddress = bindAddress;
    this.listener = listener;
    this.responder = new WireResponder(view);
  }

  /**
   * Binds UDP and TCP on the same port and starts answering.
   *
   * @throws IOException if the address cannot be bound (in use, or not a local address)
   * @throws IllegalStateException if started twice or after close
   */
  public synchronized void start() throws IOException {
    if (udp != null || closed) {
      throw new IllegalStateException("a DNS server starts once; build a new one");
    }
    bind();
    tcpWorkers =
        new ThreadPoolExecutor(
            TCP_WORKERS,
            TCP_WORKERS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(TCP_QUEUE),
            runnable -> daemon(runnable, "dns-" + view.name() + "-tcp"));
    tcpWorkers.allowCoreThreadTimeOut(true); // no idle threads for views nobody asks over TCP
    udpThread = daemon(this::serveUdp, "dns-" + view.name() + "-udp");
    acceptThread = daemon(this::acceptTcp, "dns-" + view.name() + "-accept");
    udpThread.start();
    acceptThread.start();
    log.debug("view {}: DNS server on {} (UDP and TCP)", view.name(), address());
  }

  /** The port both transports listen on. */
  public int port() {
    return address().getPort();
  }

  /** The bound address and port. */
  public synchronized InetSocketAddress address() {
    if (udp == null) {
      throw new IllegalStateException("not started");
    }
    return (InetSocketAddress) udp.getLocalSocketAddress();
  }

  public DnsView view() {
    return view;
  }

  /**
   * How many requests got a response (UDP and TCP, malformed ones answered with FORMERR included;
   * dropped ones not).
   */
  public long queryCount() {
    return queries.get();
  }

  /** Stops both transports and closes open TCP connections; returns when the threads are done. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (udp == null) {
      return;
    }
    udp.close();
    closeQuietly(tcp);
    tcpWorkers.shutdownNow();
    openConnections.forEach(DnsServer::closeQuietly);
    try {
      udpThread.join(TCP_IDLE_TIMEOUT.toMillis());
      acceptThread.join(TCP_IDLE_TIMEOUT.toMillis());
      tcpWorkers.awaitTermination(TCP_IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "DnsServer[" + view.name() + " @ " + (udp == null ? bindAddress : address()) + "]";
  }

  private void bind() throws IOException {
    int attempts = bindAddress.getPort() == 0 ? EPHEMERAL_BIND_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      DatagramSocket datagram = new DatagramSocket(bindAddress);
      try {
        ServerSocket stream = new ServerSocket();
        try {
          stream.bind(new InetSocketAddress(bindAddress.getAddress(), datagram.getLocalPort()));
        } catch (IOException e) {
          stream.close();
          throw e;
        }
        udp = datagram;
        tcp = stream;
        return;
      } catch (BindException e) {
        datagram.close();
        if (attempt >= attempts) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        datagram.close();
        throw e;
      }
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[UDP_BUFFER];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          log.debug("view {}: UDP receive failed: {}", view.name(), e.toString());
        }
        continue;
      }
      InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
      try {
        Optional<WireResponder.Reply> reply =
            responder.respond(buffer, packet.getLength(), client, DnsExchange.Transport.UDP);
        if (reply.isPresent()) {
          answered(reply.get());
          byte[] wire = reply.get().wire();
          udp.send(new DatagramPacket(wire, wire.length, client));
        }
      } catch (IOException e) {
        log.debug("view {}: could not answer {} over UDP: {}", view.name(), client, e.toString());
      } catch (RuntimeException e) {
        // A bug in answering must cost one answer, not the server: the client will time out and
        // retry, and the warning tells us where to look.
        log.warn("view {}: failed to answer {} over UDP", view.name(), client, e);
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!closed) {
          log.debug("view {}: TCP accept failed: {}", view.name(), e.toString());
        }
        continue;
      }
      try {
        tcpWorkers.execute(() -> serveTcp(socket));
      } catch (RejectedExecutionException e) {
        log.debug("view {}: too many TCP clients, closed {}", view.name(), socket);
        closeQuietly(socket);
      }
    }
  }

  /** One connection: length-prefixed messages (RFC 1035 §4.2.2) answered in turn until EOF. */
  private void serveTcp(Socket socket) {
    openConnections.add(socket);
    InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
    try (socket) {
      if (closed) {
        return;
      }
      socket.setSoTimeout((int) TCP_IDLE_TIMEOUT.toMillis());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException e) {
          return; // the client is done
        }
        byte[] request = new byte[length];
        in.readFully(request);
        Optional<WireResponder.Reply> reply =
            responder.respond(request, length, client, DnsExchange.Transport.TCP);
        if (reply.isEmpty()) {
          return; // nothing sensible to answer: closing tells the client (RFC 7766 §6.2.4)
        }
        answered(reply.get());
        byte[] wire = reply.get().wire();
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
    } catch (SocketTimeoutException e) {
      log.debug("view {}: TCP client {} idle, closed", view.name(), client);
    } catch (IOException e) {
      if (!closed) {
        log.debug("view {}: TCP client {}: {}", view.name(), client, e.toString());
      }
    } catch (RuntimeException e) {
      log.warn("view {}: failed to answer {} over TCP", view.name(), client, e);
    } finally {
      openConnections.remove(socket);
    }
  }

  /**
   * Counts and reports an answer before it is sent, so whoever watches the exchanges (a trace, a
   * test) has seen the answer by the time the client can act on it.
   */
  private void answered(WireResponder.Reply reply) {
    queries.incrementAndGet();
    try {
      listener.accept(reply.exchange());
    } catch (RuntimeException e) {
      log.warn("view {}: DNS exchange listener failed", view.name(), e);
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true); // a forgotten server must not keep the JVM alive
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
