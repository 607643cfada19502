package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash promise, tested as it would fail in life: a second JVM runs the simulation, accepts N
 * messages while B町's server does not exist yet, and is killed with SIGKILL right after the last
 * 250. A new simulation on the same data folder, now with B町's server, delivers all N, once each.
 */
class CrashRecoveryTest {
  private static final int N = 20;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** A市 only; B町's MX points at an address where nothing listens yet. */
  private static final String BEFORE =
      """
      name: crash
      networks:
        - name: lgwan
          cidr: 127.61.0.0/16
          dns: { address: 127.61.0.53 }
      nodes:
        - id: city-a
          role: municipality
          hostname: mail.city-a.lg.jp
          addresses: { lgwan: 127.61.1.1 }
          domains: [city-a.lg.jp]
          mailboxes: [{ address: taro@city-a.lg.jp, password: taro-pass }]
      dns:
        records:
          - { name: town-b.lg.jp, type: MX, data: "10 mail.town-b.lg.jp." }
          - { name: mail.town-b.lg.jp, type: A, data: 127.61.2.1 }
      """;

  /** The same, with B町's server up: the fault undone. */
  private static final String AFTER =
      BEFORE
          .replace(
              "dns:\n",
              String.join(
                  "\n",
                  "  - id: town-b",
                  "    role: municipality",
                  "    hostname: mail.town-b.lg.jp",
                  "    addresses: { lgwan: 127.61.2.1 }",
                  "    domains: [town-b.lg.jp]",
                  "    mailboxes: [{ address: hanako@town-b.lg.jp, password: hanako-pass }]",
                  "dns:\n"))
          .replace("    - { name: mail.town-b.lg.jp, type: A, data: 127.61.2.1 }\n", "");

  @TempDir Path dir;

  @Test
  void killDashNine_afterAcceptingWhileNextHopDown_everyAcceptedMessageArrivesOnce()
      throws Exception {
    Path before = dir.resolve("before.yaml");
    Path after = dir.resolve("after.yaml");
    Files.writeString(before, BEFORE, StandardCharsets.UTF_8);
    Files.writeString(after, AFTER, StandardCharsets.UTF_8);
    assertTrue(AFTER.contains("id: town-b") && !AFTER.contains("data: 127.61.2.1"), AFTER);
    Path data = dir.resolve("data");

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "jp.lgwansim.sim.cli.Main",
                "run",
                before.toString(),
                "--data-dir",
                data.toString(),
                "--http-port",
                "0")
            .redirectErrorStream(true)
            .start();
    Set<String> accepted = new HashSet<>();
    try {
      awaitReady(child);
      for (int i = 0; i < N; i++) {
        accepted.add(submit(i));
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    }
    assertEquals(N, accepted.size());

    try (Simulation sim =
            Simulation.start(TopologyLoader.load(after), Optional.of(data.resolve("crash")));
        TraceRecorder trace = new TraceRecorder(sim.trace())) {
      for (String id : accepted) {
        trace.await(
            "delivery of " + id,
            e -> e.type() == TraceType.DELIVERED && e.messageId().equals(id),
            DEADLINE);
      }
      List<String> inbox = messageIds(sim);
      assertEquals(N, inbox.size(), "each message exactly once: " + inbox);
      assertEquals(accepted, new HashSet<>(inbox));
    }
  }

  /** Reads the child's output until it says it is ready (or fails with what it said). */
  private static void awaitReady(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder said = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  said.append(line).append('\n');
                  if (line.startsWith("Ctrl-C")) {
                    ready.complete(null);
                  }
                }
                ready.completeExceptionally(new IllegalStateException("child ended:\n" + said));
              } catch (java.io.IOException e) {
                ready.completeExceptionally(e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    ready.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  /** One message to A市's server; returns its Message-ID once the server said 250. */
  private static String submit(int i) throws Exception {
    Session session = Session.getInstance(new Properties());
    String id = "crash-" + i + "-" + System.nanoTime() + "@test";
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("taro@city-a.lg.jp"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("hanako@town-b.lg.jp"));
    m.setSubject("crash " + i);
    m.setText("message " + i);
    m.saveChanges();
    m.setHeader("Message-ID", "<" + id + ">");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect("127.61.1.1", 2525, null, null);
      t.sendMessage(m, m.getAllRecipients());
      assertTrue(t.getLastServerResponse().startsWith("250"), t.getLastServerResponse());
    }
    return id;
  }

  private static List<String> messageIds(Simulation sim) throws Exception {
    var imap = sim.imapEndpoint("town-b").orElseThrow();
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(
        imap.getAddress().getHostAddress(), imap.getPort(), "hanako@town-b.lg.jp", "hanako-pass");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<String> ids = new java.util.ArrayList<>();
      for (Message m : inbox.getMessages()) {
        String header = m.getHeader("Message-ID")[0].trim();
        ids.add(header.substring(1, header.length() - 1));
      }
      inbox.close(false);
      return ids;
    } finally {
      store.close();
    }
  }
}
