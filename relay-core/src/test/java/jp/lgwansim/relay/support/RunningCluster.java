package jp.lgwansim.relay.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.node.RelayNode;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A real cluster on loopback for a test, with a real SMTP client to submit mail and a real IMAP
 * client to read it back. Waits are on trace events, with a deadline.
 */
public final class RunningCluster implements AutoCloseable {
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  private final Cluster cluster;
  private final TraceRecorder recorder;
  private final Path spool;

  public RunningCluster(Topology topology) throws Exception {
    this(topology, RandomGenerator.getDefault());
  }

  /** A cluster whose reply faults with a fraction draw from {@code faultRandom}. */
  public RunningCluster(Topology topology, RandomGenerator faultRandom) throws Exception {
    this.spool = Files.createTempDirectory("relay-core-test");
    TraceBus bus = new TraceBus();
    this.recorder = new TraceRecorder(bus);
    this.cluster =
        Cluster.start(topology, Cluster.Options.defaults(spool).withFaultRandom(faultRandom), bus);
  }

  public Cluster cluster() {
    return cluster;
  }

  public TraceRecorder trace() {
    return recorder;
  }

  public RelayNode node(String id) {
    return cluster.node(id).orElseThrow();
  }

  /** Submits a mail at {@code nodeId} from the operator's console; returns its Message-ID. */
  public String send(String nodeId, String from, String... to) throws MessagingException {
    String messageId = UUID.randomUUID() + "@test.example";
    Session session = Session.getInstance(new Properties());
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    for (String t : to) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
    }
    m.setSubject("test " + messageId, "UTF-8");
    m.setText("本文 body", "UTF-8");
    m.saveChanges();
    m.setHeader("Message-ID", "<" + messageId + ">");
    InetSocketAddress at = node(nodeId).smtpAddress(TopologyBuilder.NETWORK).orElseThrow();
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(at.getAddress().getHostAddress(), at.getPort(), null, null);
      t.sendMessage(m, m.getAllRecipients());
    }
    return messageId;
  }

  public TraceEvent await(String what, TraceType type, String messageId, String node)
      throws TimeoutException, InterruptedException {
    return recorder.await(
        what,
        e -> e.type() == type && e.messageId().equals(messageId) && e.node().equals(node),
        DEADLINE);
  }

  /** Events of one message, in order. */
  public List<TraceEvent> events(String messageId) {
    List<TraceEvent> result = new ArrayList<>();
    for (TraceEvent e : recorder.events()) {
      if (e.messageId().equals(messageId)) {
        result.add(e);
      }
    }
    return result;
  }

  /** Reads the INBOX of a mailbox over IMAP; returns each message's raw text. */
  public List<String> inbox(String nodeId, String address, String password)
      throws MessagingException, IOException {
    InetSocketAddress imap = node(nodeId).imapAddress().orElseThrow();
    Session session = Session.getInstance(new Properties());
    Store store = session.getStore("imap");
    store.connect(imap.getAddress().getHostAddress(), imap.getPort(), address, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<String> result = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        result.add(out.toString(StandardCharsets.UTF_8));
      }
      inbox.close(false);
      return result;
    } finally {
      store.close();
    }
  }

  /** How many messages with this Message-ID the mailbox holds, read over IMAP. */
  public int copiesIn(String nodeId, String address, String password, String messageId)
      throws MessagingException, IOException {
    int n = 0;
    for (String m : inbox(nodeId, address, password)) {
      if (m.contains("<" + messageId + ">")) {
        n++;
      }
    }
    return n;
  }

  /**
   * Waits until the node's queue holds nothing: once empty, no later attempt can deliver a second
   * copy. (Polls with a deadline: the queue publishes no event when a message leaves it.)
   */
  public void awaitEmptyQueue(String nodeId) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!node(nodeId).queueEntries().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            nodeId + " still holds " + node(nodeId).queueEntries() + " after " + DEADLINE);
      }
      Thread.sleep(20);
    }
  }

  /** The FAULT event of this kind at this node or view, waiting for it with a deadline. */
  public TraceEvent awaitFault(String kind, String target)
      throws TimeoutException, InterruptedException {
    return recorder.await(
        "fault " + kind + " at " + target,
        e ->
            e.type() == TraceType.FAULT
                && e.attribute("fault").equals(kind)
                && e.node().equals(target),
        DEADLINE);
  }

  public static void assertContains(String haystack, String needle) {
    assertTrue(
        haystack.contains(needle), () -> "expected to find\n  " + needle + "\nin\n" + haystack);
  }

  @Override
  public void close() throws IOException {
    recorder.close();
    cluster.close();
    try (var files = Files.walk(spool)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
