package jp.lgwansim.relay.node;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One node's view of the shared delivery pool that counts the node's attempts still running, so a
 * node being stopped can wait for them before a new queue manager resumes the same spool: two
 * managers working on one message at once would deliver it twice. (The pool itself is shared by
 * every node, so waiting for the pool would wait for everyone.)
 */
final class InFlightAttempts implements Executor {
  private final Executor pool;
  private int running;

  InFlightAttempts(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      running++;
    }
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } finally {
              done();
            }
          });
    } catch (RejectedExecutionException e) {
      done();
      throw e;
    }
  }

  private synchronized void done() {
    running--;
    notifyAll();
  }

  /**
   * Waits until no task of this node runs or waits in the pool.
   *
   * @return false if some were still running at the deadline
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
