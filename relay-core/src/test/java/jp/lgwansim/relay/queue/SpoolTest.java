package jp.lgwansim.relay.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private static final byte[] CONTENT =
      "Subject: テスト\r\n\r\n本文\r\n.leading dot\r\n".getBytes(StandardCharsets.UTF_8);

  private static Envelope envelope(String id, Instant arrival) {
    return Envelope.accepted(
        id, id + "@x", "a@a.lg.jp", List.of("b@b.lg.jp", "c@c.lg.jp"), "テスト", arrival);
  }

  @Test
  void recover_afterRestart_returnsEveryStoredMessageOldestFirst(@TempDir Path dir)
      throws Exception {
    Instant t0 = Instant.parse("2026-12-03T00:00:00Z");
    Spool first = new Spool(dir, true);
    first.store(envelope("B", t0.plusSeconds(5)), CONTENT);
    first.store(envelope("A", t0), CONTENT);

    Spool restarted = new Spool(dir, true);
    List<Envelope> recovered = restarted.recover();
    assertEquals(List.of(envelope("A", t0), envelope("B", t0.plusSeconds(5))), recovered);
    assertArrayEquals(CONTENT, restarted.content("A"));
  }

  @Test
  void recover_halfWrittenTempFile_isDiscardedNotDelivered(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir, true);
    Files.write(
        dir.resolve("tmp").resolve("CRASHED"), "lgwan-sim-spool: 1\nqueue-id: CR".getBytes());
    assertTrue(spool.recover().isEmpty());
    assertTrue(Files.notExists(dir.resolve("tmp").resolve("CRASHED")));
  }

  @Test
  void update_fewerRecipients_keepsContentAndSurvivesRestart(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir, true);
    Envelope e = envelope("Q1", Instant.EPOCH);
    spool.store(e, CONTENT);
    spool.update(e.withRecipients(List.of("c@c.lg.jp")).withAttempt().withDelayWarned());

    Envelope back = new Spool(dir, true).recover().get(0);
    assertEquals(List.of("c@c.lg.jp"), back.recipients());
    assertEquals(1, back.attempts());
    assertTrue(back.delayWarned());
    assertArrayEquals(CONTENT, spool.content("Q1"));
  }

  @Test
  void remove_deliveredMessage_isGoneAfterRestart(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir, true);
    spool.store(envelope("Q2", Instant.EPOCH), CONTENT);
    spool.remove("Q2");
    assertTrue(new Spool(dir, true).recover().isEmpty());
  }

  @Test
  void delayAfter_doublesFromMinimumUpToMaximum() {
    RetryPolicy p =
        new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(1));
    assertEquals(Duration.ofSeconds(5), p.delayAfter(1));
    assertEquals(Duration.ofSeconds(10), p.delayAfter(2));
    assertEquals(Duration.ofSeconds(40), p.delayAfter(4));
    assertEquals(Duration.ofSeconds(60), p.delayAfter(5));
    assertEquals(Duration.ofSeconds(60), p.delayAfter(30));
  }
}
