package jp.lgwansim.relay.outbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.queue.Envelope;
import jp.lgwansim.relay.routing.NextHop;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Relays one message to the first next hop that answers.
 *
 * <p>Failure rules, in one place (Postfix's smtp_trouble.c is the model):
 *
 * <ul>
 *   <li>a next hop on no network of this node: unreachable, like a host with no route; next
 *       candidate;
 *   <li>connection refused, timed out, or a 4xx or 5xx greeting: next candidate; all of them:
 *       temporary for everyone (a 5xx greeting as Postfix's default smtp_skip_5xx_greeting = yes);
 *   <li>a 4xx reply (to MAIL, RCPT or DATA): temporary for the recipients it concerns;
 *   <li>a 5xx reply: permanent for the recipients it concerns;
 *   <li>the connection breaks after it was made: temporary (the next hop may or may not have the
 *       message; at-least-once, as every MTA).
 * </ul>
 *
 * <p>Connections to a next hop are reused while it stays busy ({@link ConnectionCache}).
 */
public final class SmtpSender implements AutoCloseable {
  /** As Postfix's smtp_connect_timeout (30s), cut down: simulated hosts answer at once or never. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Per read/write; generous, since a loaded 2-core laptop runs 1,800 nodes. */
  static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

  private final String nodeId;
  private final String hostname;
  private final Map<String, InetAddress> myAddresses;
  private final Fabric fabric;
  private final TraceBus trace;
  private final Map<InetAddress, Session> sessions = new ConcurrentHashMap<>();
  private final ConnectionCache connections;

  /**
   * @param scheduler closes cached connections that nobody reuses
   * @param concurrency parallel deliveries per next hop
   */
  public SmtpSender(
      String nodeId,
      String hostname,
      Map<String, InetAddress> myAddresses,
      Fabric fabric,
      TraceBus trace,
      ScheduledExecutorService scheduler,
      int concurrency) {
    this.connections = new ConnectionCache(scheduler, concurrency);
    this.nodeId = nodeId;
    this.hostname = hostname;
    this.myAddresses = Map.copyOf(myAddresses);
    this.fabric = fabric;
    this.trace = trace;
  }

  /** Tries the candidates in order and returns the outcome for every recipient. */
  public Map<String, DeliveryOutcome> send(
      Envelope envelope, List<String> recipients, byte[] content, List<NextHop> candidates) {
    StringBuilder tried = new StringBuilder();
    for (NextHop hop : candidates) {
      Optional<InetAddress> source = sourceFor(hop.address());
      if (source.isEmpty()) {
        note(tried, hop + " unreachable: on no network this node is connected to");
        continue;
      }
      Optional<Map<String, DeliveryOutcome>> result =
          attempt(envelope, recipients, content, hop, source.get(), tried);
      if (result.isPresent()) {
        return result.get();
      }
    }
    String reason = "no next hop answered: " + tried;
    Map<String, DeliveryOutcome> all = new LinkedHashMap<>();
    recipients.forEach(r -> all.put(r, new DeliveryOutcome.TemporaryFailure(reason)));
    return all;
  }

  /** Empty when the connection could not be made (so the next candidate is tried). */
  private Optional<Map<String, DeliveryOutcome>> attempt(
      Envelope envelope,
      List<String> recipients,
      byte[] content,
      NextHop hop,
      InetAddress source,
      StringBuilder tried) {
    InetSocketAddress real = fabric.socketFor(hop.address(), hop.port());
    Session session = sessions.computeIfAbsent(source, this::newSession);
    try (ConnectionCache.Lease lease =
        connections.lease(
            source.getHostAddress()
                + ">"
                + real.getAddress().getHostAddress()
                + ":"
                + real.getPort())) {
      Optional<ConnectionCache.Connection> reused = lease.reuse();
      ConnectionCache.Connection connection;
      if (reused.isPresent()) {
        connection = reused.get();
      } else {
        Optional<ConnectionCache.Connection> opened = open(session, real);
        if (opened.isEmpty()) {
          note(tried, hop + " " + lastConnectError.get());
          return Optional.empty();
        }
        connection = opened.get();
      }
      traceConnected(envelope, hop, connection.transport(), reused.isPresent());
      Map<String, DeliveryOutcome> outcome;
      try {
        outcome = transfer(connection.transport(), session, envelope, recipients, content, hop);
      } catch (MessagingException e) {
        ConnectionCache.quietlyClose(connection.transport());
        Map<String, DeliveryOutcome> all = new LinkedHashMap<>();
        String reason = hop + ": " + rootMessage(e);
        recipients.forEach(r -> all.put(r, new DeliveryOutcome.TemporaryFailure(reason)));
        return Optional.of(all);
      }
      // Only a connection whose every recipient was accepted is surely in a clean state.
      if (outcome.values().stream().allMatch(o -> o instanceof DeliveryOutcome.Delivered)) {
        lease.keep(connection);
      } else {
        ConnectionCache.quietlyClose(connection.transport());
      }
      return Optional.of(outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Map<String, DeliveryOutcome> all = new LinkedHashMap<>();
      recipients.forEach(
          r -> all.put(r, new DeliveryOutcome.TemporaryFailure("interrupted (shutting down)")));
      return Optional.of(all);
    }
  }

  /** Why the last {@link #open} on this thread failed, for the deferral reason. */
  private final ThreadLocal<String> lastConnectError = ThreadLocal.withInitial(() -> "");

  private Optional<ConnectionCache.Connection> open(Session session, InetSocketAddress real) {
    SMTPTransport transport;
    try {
      transport = (SMTPTransport) session.getTransport("smtp");
    } catch (MessagingException e) {
      throw new IllegalStateException("Angus Mail has no smtp transport on the class path", e);
    }
    try {
      transport.connect(real.getAddress().getHostAddress(), real.getPort(), null, null);
      return Optional.of(new ConnectionCache.Connection(transport, System.nanoTime()));
    } catch (MessagingException e) {
      // Refused, timed out, or a 4xx/5xx greeting: this candidate is not taking mail now.
      lastConnectError.set(rootMessage(e));
      ConnectionCache.quietlyClose(transport);
      return Optional.empty();
    }
  }

  private void traceConnected(
      Envelope envelope, NextHop hop, SMTPTransport transport, boolean reused) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("nextHop", hop.host());
    attrs.put("address", hop.address().getHostAddress() + ":" + hop.port());
    attrs.put("reused", Boolean.toString(reused));
    fabric.ownerOf(hop.address()).ifPresent(n -> attrs.put("nextNode", n));
    String greeting = oneLine(transport.getLastServerResponse());
    trace.publish(
        nodeId,
        TraceType.CONNECTED,
        envelope.messageId(),
        envelope.queueId(),
        reused
            ? Bilingual.of(hop + " への開いている接続を再利用します", "reusing the open connection to " + hop)
            : Bilingual.of(
                hop + " にSMTPで接続しました: " + greeting,
                "connected to " + hop + " over SMTP: " + greeting),
        attrs);
  }

  private Map<String, DeliveryOutcome> transfer(
      SMTPTransport transport,
      Session session,
      Envelope envelope,
      List<String> recipients,
      byte[] content,
      NextHop hop)
      throws MessagingException {
    Optional<String> nextNode = fabric.ownerOf(hop.address());
    SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(content));
    message.setEnvelopeFrom(envelope.sender().isEmpty() ? "<>" : envelope.sender());
    Address[] to = new Address[recipients.size()];
    for (int i = 0; i < to.length; i++) {
      try {
        to[i] = new InternetAddress(recipients.get(i), false);
      } catch (AddressException e) {
        throw new IllegalStateException("spooled recipient was validated at RCPT", e);
      }
    }
    Map<String, DeliveryOutcome> outcome = new LinkedHashMap<>();
    try {
      transport.sendMessage(message, to);
      String reply = oneLine(transport.getLastServerResponse());
      recipients.forEach(r -> outcome.put(r, new DeliveryOutcome.Delivered(reply)));
    } catch (SendFailedException e) {
      classify(e, recipients, hop, outcome);
    }
    List<String> relayed =
        outcome.entrySet().stream()
            .filter(e -> e.getValue() instanceof DeliveryOutcome.Delivered)
            .map(Map.Entry::getKey)
            .toList();
    if (!relayed.isEmpty()) {
      String reply = ((DeliveryOutcome.Delivered) outcome.get(relayed.get(0))).reply();
      Map<String, String> attrs = new HashMap<>();
      attrs.put("nextHop", hop.host());
      nextNode.ifPresent(n -> attrs.put("nextNode", n));
      attrs.put("reply", reply);
      attrs.put("recipients", String.join(",", relayed));
      trace.publish(
          nodeId,
          TraceType.RELAYED,
          envelope.messageId(),
          envelope.queueId(),
          Bilingual.of(hop + " へ中継しました: " + reply, "relayed to " + hop + ": " + reply),
          attrs);
    }
    return outcome;
  }

  /** Per-recipient outcome from what Angus reports: each RCPT's own code, else the command's. */
  private static void classify(
      SendFailedException e,
      List<String> recipients,
      NextHop hop,
      Map<String, DeliveryOutcome> outcome) {
    Map<String, String> replies = new HashMap<>();
    Map<String, Integer> codes = new HashMap<>();
    for (Exception next = e; next != null; ) {
      if (next instanceof SMTPAddressFailedException afe) {
        String address = afe.getAddress().getAddress();
        codes.put(address, afe.getReturnCode());
        replies.put(address, oneLine(afe.getMessage()));
      }
      next = next instanceof MessagingException me ? me.getNextException() : null;
    }
    java.util.Set<String> sent = new java.util.HashSet<>();
    if (e.getValidSentAddresses() != null) {
      for (Address a : e.getValidSentAddresses()) {
        sent.add(((InternetAddress) a).getAddress());
      }
    }
    int commandCode = e instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
    String commandReply = oneLine(e.getMessage());
    for (String r : recipients) {
      if (sent.contains(r)) {
        outcome.put(r, new DeliveryOutcome.Delivered(commandReply));
        continue;
      }
      int code = codes.getOrDefault(r, commandCode);
      String reply = hop + " said: " + replies.getOrDefault(r, commandReply);
      outcome.put(
          r,
          code >= 500
              ? new DeliveryOutcome.PermanentFailure(reply)
              : new DeliveryOutcome.TemporaryFailure(reply));
    }
  }

  /** This node's address on the target's network, if it is attached to it and the link is up. */
  /** Closes the connections kept for reuse. */
  @Override
  public void close() {
    connections.close();
  }

  private Optional<InetAddress> sourceFor(InetAddress target) {
    return fabric
        .networkOf(target)
        .filter(network -> fabric.isConnected(nodeId, network))
        .map(myAddresses::get);
  }

  private Session newSession(InetAddress source) {
    Properties p = new Properties();
    p.put("mail.smtp.localhost", hostname);
    p.put("mail.smtp.localaddress", source.getHostAddress());
    p.put("mail.smtp.connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(IO_TIMEOUT.toMillis()));
    // Deliver to the recipients the next hop accepts, and report the others one by one.
    p.put("mail.smtp.sendpartial", "true");
    return Session.getInstance(p);
  }

  private static void note(StringBuilder tried, String what) {
    if (tried.length() > 0) {
      tried.append("; ");
    }
    tried.append(what);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replace("\r", "").replace("\n", " ");
  }
}
