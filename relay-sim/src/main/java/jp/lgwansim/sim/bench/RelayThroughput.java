package jp.lgwansim.sim.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Relaying throughput of one hop: client → relay → final node, counting messages per second from
 * the first submission until the last one is in the final mailbox. The relay spools every message
 * (fsync'ed, or not) before its 250, routes it by MX and relays it over a reused connection, so
 * this is the cost a trainee's "one hop" really has.
 */
final class RelayThroughput {
  /** Its own loopback range, so a benchmark never meets a running simulation. */
  private static final String TOPOLOGY =
      """
      name: bench
      networks:
        - name: lgwan
          cidr: 127.90.0.0/16
          dns: { address: 127.90.0.53 }
      nodes:
        - id: relay
          role: lgwan-relay
          hostname: relay.bench.lgwan.jp
          addresses: { lgwan: 127.90.0.10 }
        - id: town
          role: municipality
          hostname: mail.town.bench.lg.jp
          addresses: { lgwan: 127.90.2.1 }
          domains: [town.bench.lg.jp]
          mailboxes: [{ address: user@town.bench.lg.jp, password: bench }]
      """;

  /** One run's result. */
  record Result(boolean fsync, int messages, Duration elapsed) {
    double perSecond() {
      return messages / (elapsed.toNanos() / 1e9);
    }
  }

  private final int messages;
  private final int clients;
  private final int size;

  RelayThroughput(int messages, int clients, int size) {
    this.messages = messages;
    this.clients = clients;
    this.size = size;
  }

  Result run(boolean fsync) throws Exception {
    Path dir = Files.createTempDirectory("lgwan-sim-bench");
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, TOPOLOGY, StandardCharsets.UTF_8);
    Topology topology = TopologyLoader.load(file);
    TraceBus bus = new TraceBus();
    CountDownLatch delivered = new CountDownLatch(messages);
    bus.subscribe(
        e -> {
          if (e.type() == TraceType.DELIVERED) {
            delivered.countDown();
          }
        });
    try (Cluster cluster =
        Cluster.start(
            topology, Cluster.Options.defaults(dir.resolve("spool")).withFsync(fsync), bus)) {
      InetSocketAddress relay =
          cluster.node("relay").orElseThrow().smtpAddress("lgwan").orElseThrow();
      byte[] message = message();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int share = messages / clients + (c < messages % clients ? 1 : 0);
        sent.add(pool.submit(() -> submit(relay, message, share)));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      if (!delivered.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("not every message was delivered in 10 minutes");
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      pool.shutdown();
      return new Result(fsync, messages, elapsed);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One client: one connection, {@code count} messages, as a busy sender would. */
  private static Void submit(InetSocketAddress relay, byte[] content, int count)
      throws MessagingException {
    Session session = Session.getInstance(new Properties());
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect(relay.getAddress().getHostAddress(), relay.getPort(), null, null);
      InternetAddress[] to = {new InternetAddress("user@town.bench.lg.jp")};
      for (int i = 0; i < count; i++) {
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(content));
        t.sendMessage(m, to);
      }
    }
    return null;
  }

  /** A message of about {@code size} bytes, like the 1 KB messages of Postfix's smtp-source. */
  private byte[] message() {
    try {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
      m.setFrom(new InternetAddress("bench@city.bench.lg.jp"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress("user@town.bench.lg.jp"));
      m.setSubject("bench");
      m.setText("x".repeat(Math.max(0, size - 200)) + "\n");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      m.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
