package jp.lgwansim.sim;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A real two-town simulation (city-a relays by MX to town-b) with its HTTP API, on a loopback range
 * of its own, for the tests of fault injection through the API and the CLI. Retries wait a minute,
 * so a test decides when mail is retried: with flush.
 */
public final class FaultLab implements AutoCloseable {
  public static final Duration DEADLINE = Duration.ofSeconds(20);
  public static final String FROM = "taro@city-a.lg.jp";
  public static final String TO = "hanako@town-b.lg.jp";
  public static final String TO_PASSWORD = "hanako-pass";

  /** Ranges 127.41.0.0/16 upwards: away from the topologies' 127.10-127.30 and relay-core's. */
  private static final AtomicInteger NEXT_RANGE = new AtomicInteger(41);

  private final Simulation sim;
  private final ApiServer api;
  private final TraceRecorder trace;

  public FaultLab(Path dir) throws Exception {
    int r = NEXT_RANGE.getAndIncrement();
    String yaml =
        String.join(
            "\n",
            "name: fault-lab",
            "networks:",
            "  - name: lgwan",
            "    cidr: 127." + r + ".0.0/16",
            "    dns: { address: 127." + r + ".0.53 }",
            "nodes:",
            "  - id: city-a",
            "    role: municipality",
            "    hostname: mail.city-a.lg.jp",
            "    addresses: { lgwan: 127." + r + ".1.1 }",
            "    delivery: { mode: mx }",
            "    domains: [city-a.lg.jp]",
            "    mailboxes:",
            "      - { address: taro@city-a.lg.jp, password: taro-pass }",
            "  - id: town-b",
            "    role: municipality",
            "    hostname: mail.town-b.lg.jp",
            "    addresses: { lgwan: 127." + r + ".2.1 }",
            "    delivery: { mode: mx }",
            "    domains: [town-b.lg.jp]",
            "    mailboxes:",
            "      - { address: hanako@town-b.lg.jp, password: hanako-pass }",
            // Slow retries: a deferred mail moves only when the test flushes the queue.
            "queue:",
            "  minimal_backoff_time: 1m",
            "  maximal_backoff_time: 1m",
            "");
    Path file = dir.resolve("fault-lab.yaml");
    Files.writeString(file, yaml);
    this.sim = Simulation.start(TopologyLoader.load(file), Optional.of(dir.resolve("data")));
    this.trace = new TraceRecorder(sim.trace());
    this.api = ApiServer.start(sim, ApiOptions.defaults().withPort(0));
  }

  public Simulation sim() {
    return sim;
  }

  public ApiServer api() {
    return api;
  }

  public TraceRecorder trace() {
    return trace;
  }

  /** Submits a mail at city-a over SMTP; returns its Message-ID. */
  public String send() throws MessagingException {
    String messageId = UUID.randomUUID() + "@fault-lab.example";
    Session session = Session.getInstance(new Properties());
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(FROM));
    m.addRecipient(Message.RecipientType.TO, new InternetAddress(TO));
    m.setSubject("障害試験 fault test", "UTF-8");
    m.setText("本文 body", "UTF-8");
    m.saveChanges();
    m.setHeader("Message-ID", "<" + messageId + ">");
    InetSocketAddress at = sim.smtpEndpoint("city-a", "lgwan");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(at.getAddress().getHostAddress(), at.getPort(), null, null);
      t.sendMessage(m, m.getAllRecipients());
    }
    return messageId;
  }

  public TraceEvent await(TraceType type, String messageId, String node)
      throws TimeoutException, InterruptedException {
    return trace.await(
        type.apiName() + " of " + messageId + " at " + node,
        e -> e.type() == type && e.messageId().equals(messageId) && e.node().equals(node),
        DEADLINE);
  }

  /** How many copies of the message hanako's INBOX holds, read over IMAP. */
  public int copiesAtTownB(String messageId) throws MessagingException, IOException {
    InetSocketAddress imap = sim.imapEndpoint("town-b").orElseThrow();
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(imap.getAddress().getHostAddress(), imap.getPort(), TO, TO_PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int n = 0;
      for (Message m : inbox.getMessages()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        if (out.toString(StandardCharsets.UTF_8).contains("<" + messageId + ">")) {
          n++;
        }
      }
      inbox.close(false);
      return n;
    } finally {
      store.close();
    }
  }

  @Override
  public void close() {
    api.close();
    trace.close();
    sim.close();
  }
}
