package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;

/**
 * Sends one DNS query and waits for the answer, without dnsjava's default of running its
 * continuations on the common fork-join pool: on a 2-core machine that pool has parallelism 1, and
 * {@code CompletableFuture} then starts a new thread for every step of every query.
 */
public final class DnsQueries {
  private DnsQueries() {}

  /**
   * As {@link Resolver#send(Message)}, with the continuations on dnsjava's own I/O thread.
   *
   * @throws IOException when no answer comes (timeout, refused), as {@code send} does
   */
  public static Message send(Resolver resolver, Message query) throws IOException {
    try {
      return resolver.sendAsync(query, Runnable::run).toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a DNS answer", e);
    }
  }
}
