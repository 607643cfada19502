package jp.lgwansim.sim.cli;

import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Collects a command's output and lets a test wait, with a deadline, until some text appears. */
final class AwaitableWriter extends Writer {
  private final StringBuilder text = new StringBuilder();

  @Override
  public synchronized void write(char[] buffer, int offset, int length) {
    text.append(buffer, offset, length);
    notifyAll();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public synchronized String toString() {
    return text.toString();
  }

  synchronized void await(String expected, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (text.indexOf(expected) < 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("no \"" + expected + "\" within " + timeout + " in:\n" + text);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
