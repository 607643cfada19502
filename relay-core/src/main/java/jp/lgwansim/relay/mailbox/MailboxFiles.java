package jp.lgwansim.relay.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The delivered mail of a node's mailboxes on disk, one file per message in a folder per address,
 * so that mail delivered before a restart is still there after it. A file is written as the spool
 * writes (temp file, fsync, rename) before the message leaves the spool, so a crash between the two
 * can at worst deliver it twice, never lose it.
 */
final class MailboxFiles {
  private final Path root;
  private final boolean fsync;
  private final AtomicLong next;

  /**
   * @param root the node's mailbox folder (created if missing)
   * @param fsync false only in benchmarks that measure what durability costs
   */
  MailboxFiles(Path root, boolean fsync) {
    this.root = root;
    this.fsync = fsync;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create mailbox folder " + root, e);
    }
    // Names sort in delivery order and keep growing across restarts.
    this.next = new AtomicLong(System.currentTimeMillis() * 1000);
  }

  /** The stored messages of a mailbox, oldest first. */
  List<Path> stored(String address) throws IOException {
    Path dir = folder(address);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> result =
          new ArrayList<>(files.filter(p -> p.toString().endsWith(".eml")).toList());
      result.sort(null);
      return result;
    }
  }

  /** Writes a delivered message durably and returns its file. */
  Path write(String address, byte[] content) throws IOException {
    Path dir = Files.createDirectories(folder(address));
    String name = String.format(Locale.ROOT, "%020d", next.incrementAndGet());
    Path temp = dir.resolve(name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      if (fsync) {
        ch.force(true);
      }
    }
    Path file = dir.resolve(name + ".eml");
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  private Path folder(String address) {
    // Addresses are simple enough to be folder names (validated by the topology loader).
    return root.resolve(address.toLowerCase(Locale.ROOT));
  }
}
