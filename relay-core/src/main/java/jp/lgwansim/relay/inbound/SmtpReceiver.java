package jp.lgwansim.relay.inbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.queue.QueueManager;
import jp.lgwansim.relay.trace.TraceBus;
import org.subethamail.smtp.server.SMTPServer;

/**
 * One SMTP listener of a node on one address. A stopped SubEthaSMTP server cannot start again, so
 * {@link #start} builds a new one each time.
 */
public final class SmtpReceiver implements AutoCloseable {
  /** Postfix's default_process_limit is 100; one simulated server needs far fewer. */
  static final int MAX_CONNECTIONS = 50;

  /**
   * Postfix's smtpd_timeout is 300s; trainees' idle telnet sessions need not hold a thread that
   * long.
   */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  /** Postfix's smtpd_recipient_limit. */
  static final int MAX_RECIPIENTS = 1000;

  private final String network;
  private final InetAddress address;
  private final int port;
  private final InboundSettings settings;
  private final RelayPolicy policy;
  private final QueueManager queue;
  private final TraceBus trace;
  private final Clock clock;
  private final FaultGate faults;
  private SMTPServer server;

  public SmtpReceiver(
      String network,
      InetAddress address,
      int port,
      InboundSettings settings,
      RelayPolicy policy,
      QueueManager queue,
      TraceBus trace,
      Clock clock,
      NodeFaults faults) {
    this.network = network;
    this.address = address;
    this.port = port;
    this.settings = settings;
    this.policy = policy;
    this.queue = queue;
    this.trace = trace;
    this.clock = clock;
    this.faults = new FaultGate(faults, settings.nodeId(), trace);
  }

  /**
   * Binds and starts listening.
   *
   * @throws RuntimeException from SubEthaSMTP when the address cannot be bound
   */
  public synchronized void start() {
    server =
        SMTPServer.port(port)
            .bindAddress(address)
            .hostName(settings.hostname())
            .softwareName("LGWAN-Sim")
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .maxRecipients(MAX_RECIPIENTS)
            // Above our own limit, so that we (not the library) refuse with a clear 552.
            .maxMessageSize(settings.maxMessageSize() + 1)
            .insertReceivedHeaders(false)
            // Before the greeting: where a CONNECT fault answers instead of 220.
            .sessionHandler(faults)
            .messageHandlerFactory(
                ctx ->
                    new InboundSession(ctx, network, settings, policy, queue, trace, clock, faults))
            .build();
    server.start();
  }

  /** Where it listens (the real port, when 0 was asked for). */
  public synchronized InetSocketAddress listenAddress() {
    return new InetSocketAddress(address, server.getPortAllocated());
  }

  public synchronized boolean isRunning() {
    return server != null && server.isRunning();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
