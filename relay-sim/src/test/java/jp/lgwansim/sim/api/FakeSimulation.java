package jp.lgwansim.sim.api;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NodeRole;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.SimulationHandle;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A small stand-in for the lead's Simulation, for API and CLI tests: Figure 1's three nodes (A市, an
 * LGWAN relay, B町), each a real SubEthaSMTP server on 127.0.0.1 with an ephemeral port, whose
 * handler traces RECEIVED as a real node does (and refuses {@code nobody@...} at RCPT with 550). A
 * test may script what happens next ({@link #afterReceived}), e.g. the rest of the journey.
 *
 * <p>The topology places the nodes at 127.10.0.x:2525 while they really listen elsewhere: the API
 * must report the handle's endpoints, not the file's.
 */
public final class FakeSimulation implements SimulationHandle, AutoCloseable {
  public static final String CITY_A = "city-a";
  public static final String RELAY = "relay";
  public static final String TOWN_B = "town-b";

  private final TraceBus bus = new TraceBus();
  private final Topology topology;
  private final Map<String, SMTPServer> smtp = new LinkedHashMap<>();
  private final Map<String, InetSocketAddress> dns = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> queueIds = new HashMap<>();
  private volatile BiConsumer<TraceEvent, TraceBus> afterReceived = (e, b) -> {};

  public FakeSimulation() {
    NetworkSpec lgwan =
        new NetworkSpec("lgwan", "LGWAN", Cidr.parse("127.10.0.0/16"), Optional.empty());
    List<NodeSpec> nodes = new ArrayList<>();
    nodes.add(
        node(
            CITY_A,
            "A市",
            NodeRole.MUNICIPALITY,
            "mail.city-a.lg.jp",
            "127.10.0.2",
            DeliveryMode.MX,
            List.of("city-a.lg.jp"),
            List.of()));
    nodes.add(
        node(
            RELAY,
            "LGWANメール中継サーバ",
            NodeRole.LGWAN_RELAY,
            "relay.lgwan.jp",
            "127.10.0.10",
            DeliveryMode.MX,
            List.of(),
            List.of()));
    nodes.add(
        node(
            TOWN_B,
            "B町",
            NodeRole.MUNICIPALITY,
            "mail.town-b.lg.jp",
            "127.10.0.3",
            DeliveryMode.MX,
            List.of("town-b.lg.jp"),
            List.of(new NodeSpec.MailboxSpec("hanako@town-b.lg.jp", "hanako-pass"))));
    topology =
        new Topology(
            "figure1-test",
            "Figure 1 for tests",
            List.of(lgwan),
            nodes,
            List.of(),
            List.of(),
            jp.lgwansim.relay.topology.QueueSettings.DEFAULTS);
    for (NodeSpec n : nodes) {
      queueIds.put(n.id(), new AtomicInteger());
      SMTPServer server =
          SMTPServer.port(0)
              .bindAddress(loopback())
              .hostName(n.hostname())
              .softwareName("fake-node")
              .maxMessageSize(10 * 1024 * 1024)
              .messageHandlerFactory(ctx -> new TracingHandler(n.id(), ctx))
              .build();
      server.start();
      smtp.put(n.id(), server);
    }
  }

  private static NodeSpec node(
      String id,
      String label,
      NodeRole role,
      String hostname,
      String address,
      DeliveryMode mode,
      List<String> domains,
      List<NodeSpec.MailboxSpec> boxes) {
    return new NodeSpec(
        id,
        label,
        role,
        hostname,
        Map.of("lgwan", Cidr.parseIpv4(address)),
        2525,
        new NodeSpec.DeliverySpec(mode, Optional.empty()),
        Map.of(),
        domains,
        boxes,
        1143,
        1110);
  }

  /** Runs on the SMTP thread right after a node traced RECEIVED (before it says 250). */
  public void afterReceived(BiConsumer<TraceEvent, TraceBus> script) {
    this.afterReceived = script;
  }

  /** Adds a DNS view served at {@code address}. */
  public void addDnsView(String view, InetSocketAddress address) {
    dns.put(view, address);
  }

  /** Stops one node's SMTP listener, as when a node is down. */
  public void stopNode(String id) {
    smtp.get(id).stop();
  }

  @Override
  public Topology topology() {
    return topology;
  }

  @Override
  public TraceBus trace() {
    return bus;
  }

  @Override
  public InetSocketAddress smtpEndpoint(String nodeId, String network) {
    return new InetSocketAddress(loopback(), smtp.get(nodeId).getPortAllocated());
  }

  @Override
  public Optional<InetSocketAddress> imapEndpoint(String nodeId) {
    return nodeId.equals(TOWN_B)
        ? Optional.of(new InetSocketAddress(loopback(), 11143))
        : Optional.empty();
  }

  @Override
  public Optional<InetSocketAddress> pop3Endpoint(String nodeId) {
    return nodeId.equals(TOWN_B)
        ? Optional.of(new InetSocketAddress(loopback(), 11110))
        : Optional.empty();
  }

  @Override
  public Map<String, InetSocketAddress> dnsEndpoints() {
    return Map.copyOf(dns);
  }

  /** No faults or queues here: the tests of those run a real {@code Simulation}. */
  @Override
  public jp.lgwansim.sim.SimulationControl control() {
    throw new UnsupportedOperationException("the fake simulation has no fault injection");
  }

  @Override
  public void close() {
    for (SMTPServer s : smtp.values()) {
      s.stop();
    }
  }

  static InetAddress loopback() {
    return Cidr.parseIpv4("127.0.0.1");
  }

  /** Accepts known recipients and traces RECEIVED with the attributes real nodes give. */
  private final class TracingHandler implements MessageHandler {
    private final String node;
    private final MessageContext context;
    private String from = "";
    private final List<String> to = new ArrayList<>();

    TracingHandler(String node, MessageContext context) {
      this.node = node;
      this.context = context;
    }

    @Override
    public void from(String from) {
      this.from = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (recipient.startsWith("nobody@")) {
        bus.publish(
            node,
            TraceType.REJECTED,
            "",
            "",
            Bilingual.of("宛先がありません", "no such recipient"),
            Map.of(
                "stage", "RCPT", "reply", "550 5.1.1 no such user", "from", from, "to", recipient));
        throw new RejectException(550, "5.1.1 <" + recipient + ">: no such user");
      }
      to.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException {
      byte[] bytes = data.readAllBytes();
      String messageId;
      String subject;
      try {
        MimeMessage m =
            new MimeMessage(
                Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(bytes));
        messageId = MessageTracker.stripBrackets(m.getMessageID());
        subject = m.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IOException(e);
      }
      String queueId =
          node.substring(0, 1).toUpperCase() + "Q" + queueIds.get(node).incrementAndGet();
      String client =
          ((InetSocketAddress) context.getRemoteAddress()).getAddress().getHostAddress();
      TraceEvent received =
          bus.publish(
              node,
              TraceType.RECEIVED,
              messageId,
              queueId,
              Bilingual.of(node + " が受け付けました", node + " accepted the mail"),
              Map.of(
                  "from",
                  from,
                  "to",
                  String.join(",", to),
                  "subject",
                  subject,
                  "client",
                  client,
                  "helo",
                  context.getHelo().orElse(""),
                  "size",
                  Integer.toString(bytes.length)));
      afterReceived.accept(received, bus);
      return "2.0.0 OK queued as " + queueId;
    }

    @Override
    public void done() {}
  }
}
