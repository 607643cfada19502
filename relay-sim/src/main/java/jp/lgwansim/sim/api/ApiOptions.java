package jp.lgwansim.sim.api;

import java.net.InetAddress;
import java.time.Duration;
import jp.lgwansim.relay.net.Cidr;

/**
 * How the API server listens and its limits; every value with its default and why.
 *
 * @param bindAddress where to listen; default 127.0.0.1, because the API can send mail as anyone
 *     and must not be reachable from other hosts
 * @param port TCP port; default {@value #DEFAULT_PORT}; 0 picks a free one (tests)
 * @param heartbeat how often an idle Server-Sent Events stream gets a comment line; default 15 s,
 *     under the 30-60 s idle timeouts of common proxies, and how a client that went away is noticed
 * @param submitTimeout how long {@code POST /api/send} waits for the home node to say 250 and trace
 *     RECEIVED; default 10 s, well above a loopback SMTP dialogue
 * @param trackerCapacity messages kept for {@code /api/messages}; default {@value
 *     MessageTracker#DEFAULT_CAPACITY}
 * @param eventBufferPerClient trace events buffered for one slow SSE client before it is dropped;
 *     default 10,000 (a few seconds of a busy national topology)
 * @param maxEventClients SSE clients at once; default 32 (a class of trainees' dashboards); each
 *     holds one thread
 */
public record ApiOptions(
    InetAddress bindAddress,
    int port,
    Duration heartbeat,
    Duration submitTimeout,
    int trackerCapacity,
    int eventBufferPerClient,
    int maxEventClients) {

  /** The port of {@code lgwan-sim run} and of every command that talks to it. */
  public static final int DEFAULT_PORT = 8025;

  public ApiOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (heartbeat.isZero() || heartbeat.isNegative()) {
      throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
    }
    if (submitTimeout.isZero() || submitTimeout.isNegative()) {
      throw new IllegalArgumentException("submitTimeout must be positive: " + submitTimeout);
    }
    if (trackerCapacity < 1 || eventBufferPerClient < 1 || maxEventClients < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
  }

  public static ApiOptions defaults() {
    return new ApiOptions(
        Cidr.parseIpv4("127.0.0.1"),
        DEFAULT_PORT,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        MessageTracker.DEFAULT_CAPACITY,
        10_000,
        32);
  }

  public ApiOptions withPort(int newPort) {
    return new ApiOptions(
        bindAddress,
        newPort,
        heartbeat,
        submitTimeout,
        trackerCapacity,
        eventBufferPerClient,
        maxEventClients);
  }

  /**
   * Listens on another address. The CLI passes one outside 127.0.0.0/8 only when the user typed it
   * ({@code --http-bind}), and warns then.
   */
  public ApiOptions withBindAddress(InetAddress address) {
    return new ApiOptions(
        address,
        port,
        heartbeat,
        submitTimeout,
        trackerCapacity,
        eventBufferPerClient,
        maxEventClients);
  }

  public ApiOptions withHeartbeat(Duration newHeartbeat) {
    return new ApiOptions(
        bindAddress,
        port,
        newHeartbeat,
        submitTimeout,
        trackerCapacity,
        eventBufferPerClient,
        maxEventClients);
  }

  public ApiOptions withEventBufferPerClient(int events) {
    return new ApiOptions(
        bindAddress, port, heartbeat, submitTimeout, trackerCapacity, events, maxEventClients);
  }
}
