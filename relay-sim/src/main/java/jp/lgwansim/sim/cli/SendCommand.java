package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim send}: submits a mail through the API at the sender's home node and prints its
 * id.
 *
 * <p>{@code --wait} does not poll: it opens {@code /api/events} (Server-Sent Events) before
 * sending, and each time an event of this message says it was delivered, deferred or failed, asks
 * the API for the message's status (the status rules live in one place, the server's tracker). It
 * ends when the status is delivered or failed, or at the deadline ({@code --timeout}).
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {"送信者のホームノードからメールを送ります", "Sends a mail from the sender's home node"})
final class SendCommand implements Callable<Integer> {
  private static final Set<String> STATUS_EVENTS = Set.of("delivered", "deferred", "failed");

  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ADDRESS",
      description = "送信者 / sender, e.g. taro@city-a.lg.jp")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ADDRESS",
      description = "宛先 (複数可) / recipient (repeatable), e.g. hanako@town-b.lg.jp")
  List<String> to;

  @Option(
      names = "--subject",
      defaultValue = "LGWAN 経由のテストメール / Test mail over LGWAN",
      description = "件名 / subject")
  String subject;

  @Option(
      names = "--body",
      defaultValue = "lgwan-sim から送ったテストメールです。\nA test mail sent by lgwan-sim.\n",
      description = "本文 / body")
  String body;

  @Option(names = "--wait", description = "配送済みか失敗になるまで待つ / wait until delivered or failed")
  boolean waitForResult;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "--wait の上限 / how long --wait waits (default: ${DEFAULT-VALUE} s)")
  int timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      return send(out);
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }

  private int send(PrintWriter out) {
    ApiClient client = api.client();
    Stream<String> events = waitForResult ? client.events() : null;
    try {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("from", from);
      request.put("to", to);
      request.put("subject", subject);
      request.put("body", body);
      JsonNode answer = client.post("/api/send", request);
      String id = answer.path("id").asText();
      out.println(id);
      out.println(
          "受け付けました。経路は lgwan-sim trace "
              + id
              + " で見られます / Accepted; see its route with lgwan-sim trace "
              + id);
      out.flush();
      if (events == null) {
        return 0;
      }
      return awaitResult(client, events, id, answer.path("messageId").asText(), out);
    } finally {
      if (events != null) {
        events.close();
      }
    }
  }

  private int awaitResult(
      ApiClient client, Stream<String> events, String id, String messageId, PrintWriter out) {
    CompletableFuture<JsonNode> settled = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                checkStatus(client, id, settled);
                Iterator<String> lines = events.iterator();
                while (!settled.isDone() && lines.hasNext()) {
                  String line = lines.next();
                  if (isStatusEventOf(client, line, messageId)) {
                    checkStatus(client, id, settled);
                  }
                }
              } catch (RuntimeException e) {
                settled.completeExceptionally(e);
              }
            },
            "lgwan-sim-send-wait");
    reader.setDaemon(true);
    reader.start();
    JsonNode message;
    try {
      message = settled.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      JsonNode now = client.get("/api/messages/" + id);
      throw CliFailure.of(
          timeoutSeconds + " 秒以内に配送も失敗もしませんでした (状態: " + now.path("status").asText() + ")",
          "Neither delivered nor failed within "
              + timeoutSeconds
              + " s (status: "
              + now.path("status").asText()
              + ")");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CliFailure) {
        throw (CliFailure) e.getCause();
      }
      throw CliFailure.of(
          "イベントストリームが切れました: " + e.getCause(), "The event stream broke: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.of("中断されました", "Interrupted");
    }
    List<String> hops = new ArrayList<>();
    message.path("hops").forEach(h -> hops.add(h.asText()));
    String route = String.join(" → ", hops);
    if (message.path("status").asText().equals("delivered")) {
      out.println("配送されました / Delivered: " + route);
      out.flush();
      return 0;
    }
    out.println("配送できませんでした / Failed: " + route);
    out.println("理由は lgwan-sim trace " + id + " で見られます / See why with lgwan-sim trace " + id);
    out.flush();
    return 1;
  }

  private static boolean isStatusEventOf(ApiClient client, String line, String messageId) {
    if (!line.startsWith("data:")) {
      return false;
    }
    try {
      JsonNode event = client.json().readTree(line.substring(5).trim());
      return messageId.equals(event.path("messageId").asText())
          && STATUS_EVENTS.contains(event.path("type").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private static void checkStatus(ApiClient client, String id, CompletableFuture<JsonNode> done) {
    JsonNode message = client.get("/api/messages/" + id);
    String status = message.path("status").asText();
    if (status.equals("delivered") || status.equals("failed")) {
      done.complete(message);
    }
  }
}
