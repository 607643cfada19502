package jp.lgwansim.sim.whois;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3912 over TCP: the client sends one line, the server sends the answer and closes. Answers
 * come from a function so they always reflect the registry as it is now (a filed change shows at
 * once). UTF-8, as JPRS answers since 2015.
 */
public final class WhoisServer implements AutoCloseable {
  /** A query is one short line; more is not a WHOIS client. */
  static final int MAX_QUERY = 1024;

  /** How long a client may take to send its line. */
  static final int READ_TIMEOUT_MILLIS = 5_000;

  private static final Logger log = LoggerFactory.getLogger(WhoisServer.class);

  private final ServerSocket socket;
  private final Function<String, String> answers;
  private final ExecutorService workers;
  private final Thread acceptor;

  private WhoisServer(ServerSocket socket, Function<String, String> answers) {
    this.socket = socket;
    this.answers = answers;
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "whois-client");
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::accept, "whois-accept");
    acceptor.setDaemon(true);
  }

  /** Listens at {@code address} (port 0: any free port) and starts answering. */
  public static WhoisServer start(InetSocketAddress address, Function<String, String> answers)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(address);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    WhoisServer server = new WhoisServer(socket, answers);
    server.acceptor.start();
    return server;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        workers.execute(() -> serve(client));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.debug("WHOIS accept failed: {}", e.toString());
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(READ_TIMEOUT_MILLIS);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.length() > MAX_QUERY) {
        return;
      }
      OutputStream out = client.getOutputStream();
      out.write(answers.apply(line).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      log.debug("WHOIS client: {}", e.toString());
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("WHOIS close: {}", e.toString());
    }
    workers.shutdownNow();
  }
}
