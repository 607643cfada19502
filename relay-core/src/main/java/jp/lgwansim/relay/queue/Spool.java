package jp.lgwansim.relay.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's durable queue: a folder with one file per message.
 *
 * <p>Strategy (as Postfix's cleanup/queue manager): a message is written to {@code tmp/}, forced to
 * disk, then renamed into {@code active/} and the folder forced too; only then does the receiver
 * answer 250. A crash before the rename leaves a file in {@code tmp/} that is never delivered (the
 * client got no 250 and still has the message); a crash after it leaves a complete file that {@link
 * #recover} hands back. Updates (fewer recipients left) use the same write-and-rename, so a file is
 * always either the old or the new version.
 *
 * <p>File format: {@code key: value} envelope lines in UTF-8, one empty line, then the message
 * bytes exactly as received (with our Received header).
 */
public final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final String MAGIC = "lgwan-sim-spool: 1";

  private final Path active;
  private final Path tmp;
  private final boolean fsync;

  /**
   * @param dir the node's spool folder (created if missing)
   * @param fsync false only for benchmarks that measure what durability costs
   */
  public Spool(Path dir, boolean fsync) {
    this.active = dir.resolve("active");
    this.tmp = dir.resolve("tmp");
    this.fsync = fsync;
    try {
      Files.createDirectories(active);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool folder " + dir, e);
    }
  }

  /** Writes a new message durably. When this returns, the message survives a crash. */
  public void store(Envelope envelope, byte[] content) throws IOException {
    write(envelope, content);
  }

  /** Replaces the envelope (e.g. fewer recipients left), keeping the content. */
  public void update(Envelope envelope) throws IOException {
    write(envelope, content(envelope.queueId()));
  }

  /** The message bytes as received. */
  public byte[] content(String queueId) throws IOException {
    byte[] all = Files.readAllBytes(active.resolve(queueId));
    return Arrays.copyOfRange(all, bodyOffset(all), all.length);
  }

  /** Removes a message that needs no more delivery. */
  public void remove(String queueId) throws IOException {
    Files.deleteIfExists(active.resolve(queueId));
  }

  /** Every complete message in the spool, oldest first; unfinished temp files are discarded. */
  public List<Envelope> recover() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
      for (Path p : leftovers) {
        log.info("discarding unfinished spool file {} (no 250 was given for it)", p);
        Files.deleteIfExists(p);
      }
    }
    List<Envelope> result = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(active)) {
      for (Path p : files) {
        try {
          result.add(parseEnvelope(Files.readAllBytes(p), p.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
          log.error("cannot read spool file {}; left in place for inspection", p, e);
        }
      }
    }
    result.sort(java.util.Comparator.comparing(Envelope::arrival));
    return result;
  }

  private void write(Envelope e, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
    StringBuilder head = new StringBuilder();
    head.append(MAGIC).append('\n');
    head.append("queue-id: ").append(e.queueId()).append('\n');
    head.append("message-id: ").append(oneLine(e.messageId())).append('\n');
    head.append("sender: ").append(oneLine(e.sender())).append('\n');
    for (String r : e.recipients()) {
      head.append("recipient: ").append(oneLine(r)).append('\n');
    }
    head.append("subject: ").append(oneLine(e.subject())).append('\n');
    head.append("arrival: ").append(e.arrival()).append('\n');
    head.append("attempts: ").append(e.attempts()).append('\n');
    head.append("delay-warned: ").append(e.delayWarned()).append('\n');
    head.append('\n');
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.write(content);

    Path temp = tmp.resolve(e.queueId());
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(out.toByteArray()));
      if (fsync) {
        ch.force(true);
      }
    }
    try {
      Files.move(
          temp,
          active.resolve(e.queueId()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException ex) {
      throw new IOException("the spool's file system cannot rename atomically: " + active, ex);
    }
    if (fsync) {
      forceDirectory(active);
    }
  }

  private static void forceDirectory(Path dir) {
    // Makes the rename itself durable. Not every platform can open a folder for this; where it
    // cannot (Windows), the file's own force is the best there is.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      log.trace("cannot fsync folder {}", dir, e);
    }
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  private static int bodyOffset(byte[] all) {
    for (int i = 0; i + 1 < all.length; i++) {
      if (all[i] == '\n' && all[i + 1] == '\n') {
        return i + 2;
      }
    }
    throw new IllegalStateException("spool file has no end of envelope");
  }

  private static Envelope parseEnvelope(byte[] all, String fileName) {
    String head = new String(all, 0, bodyOffset(all), StandardCharsets.UTF_8);
    String[] lines = head.split("\n");
    if (!lines[0].equals(MAGIC)) {
      throw new IllegalStateException(fileName + " is not a spool file");
    }
    String queueId = fileName;
    String messageId = "";
    String sender = "";
    String subject = "";
    Instant arrival = Instant.EPOCH;
    int attempts = 0;
    boolean delayWarned = false;
    List<String> recipients = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(": ");
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2);
      switch (key) {
        case "queue-id" -> queueId = value;
        case "message-id" -> messageId = value;
        case "sender" -> sender = value;
        case "recipient" -> recipients.add(value);
        case "subject" -> subject = value;
        case "arrival" -> arrival = Instant.parse(value);
        case "attempts" -> attempts = Integer.parseInt(value);
        case "delay-warned" -> delayWarned = Boolean.parseBoolean(value);
        default -> log.debug("ignoring unknown spool key {} in {}", key, fileName);
      }
    }
    return new Envelope(
        queueId, messageId, sender, recipients, subject, arrival, attempts, delayWarned);
  }
}
