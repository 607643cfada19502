package jp.lgwansim.relay.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.dsn.DeliveryStatusNotification;
import jp.lgwansim.relay.dsn.DsnMessage;
import jp.lgwansim.relay.dsn.DsnRequest;
import jp.lgwansim.relay.dsn.OriginalMessage;
import jp.lgwansim.relay.dsn.RecipientReport;
import jp.lgwansim.relay.mailbox.MailboxStore;
import jp.lgwansim.relay.outbound.DeliveryOutcome;
import jp.lgwansim.relay.outbound.SmtpSender;
import jp.lgwansim.relay.routing.RouteDecision;
import jp.lgwansim.relay.routing.Router;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes spooled messages to their next hops.
 *
 * <p>Strategy: one delivery attempt per message at a time, on the shared worker pool. An attempt
 * groups the remaining recipients by domain, asks the router for each domain, and delivers (local
 * mailbox or SMTP relay). Recipients that succeed or fail for good leave the envelope; the rest
 * stay and the message is tried again after an exponential backoff ({@link RetryPolicy}), until the
 * queue lifetime is over. The spool file is rewritten before the next attempt is scheduled, so a
 * crash never re-sends to recipients already done (at-least-once only for the attempt in flight).
 *
 * <p>Recipients that fail for good are reported to the sender in one delivery status notice per
 * attempt (RFC 3464), made here and queued here like any message, from the null sender; a notice
 * that itself fails is traced and dropped, never answered (a bounce never bounces). With a delay
 * warning time set, a sender whose mail has waited that long is told once that it is delayed.
 */
public final class QueueManager {
  private static final Logger log = LoggerFactory.getLogger(QueueManager.class);

  private final NodeSpec node;
  private final String nodeId;
  private final Spool spool;
  private final QueueIds queueIds;
  private final Router router;
  private final SmtpSender sender;
  private final Optional<MailboxStore> mailboxes;
  private final TraceBus trace;
  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final RetryPolicy retry;
  private final Duration delayWarningTime;
  private final Clock clock;
  private volatile boolean closed;

  /** What is queued now, for mailq and flush: the envelope, its state and its retry timer. */
  private final Map<String, Tracked> queued = new java.util.concurrent.ConcurrentHashMap<>();

  private record Tracked(
      QueueEntry entry, Optional<java.util.concurrent.ScheduledFuture<?>> timer) {}

  /**
   * @param node whose queue this is (its hostname reports failures)
   * @param queueIds shared with the node's receiver, so notices made here get ids of the same kind
   * @param settings retry times, lifetime and delay warning
   */
  public QueueManager(
      NodeSpec node,
      Spool spool,
      QueueIds queueIds,
      Router router,
      SmtpSender sender,
      Optional<MailboxStore> mailboxes,
      TraceBus trace,
      ScheduledExecutorService scheduler,
      Executor workers,
      QueueSettings settings,
      Clock clock) {
    this.node = node;
    this.nodeId = node.id();
    this.spool = spool;
    this.queueIds = queueIds;
    this.router = router;
    this.sender = sender;
    this.mailboxes = mailboxes;
    this.trace = trace;
    this.scheduler = scheduler;
    this.workers = workers;
    this.retry = RetryPolicy.of(settings);
    this.delayWarningTime = settings.delayWarningTime();
    this.clock = clock;
  }

  /** Writes a new message durably; when this returns the receiver may answer 250. */
  public void store(Envelope envelope, byte[] content) throws IOException {
    spool.store(envelope, content);
  }

  /** Starts delivery of a stored message now. */
  public void deliverSoon(Envelope envelope) {
    submit(envelope);
  }

  /** Schedules every message left in the spool by an earlier run. */
  public int resume() throws IOException {
    List<Envelope> left = spool.recover();
    left.forEach(this::submit);
    return left.size();
  }

  public void close() {
    closed = true;
  }

  /** Every queued message, oldest first (Postfix's mailq). */
  public List<QueueEntry> entries() {
    List<QueueEntry> result = new ArrayList<>();
    queued.values().forEach(t -> result.add(t.entry()));
    result.sort(java.util.Comparator.comparing(e -> e.envelope().arrival()));
    return result;
  }

  /**
   * Tries every deferred message now instead of at its next attempt (Postfix's postqueue -f).
   *
   * @return how many messages were rescheduled
   */
  public int flush() {
    int n = 0;
    for (Tracked t : List.copyOf(queued.values())) {
      if (t.entry().state() == QueueEntry.State.DEFERRED
          && t.timer().map(f -> f.cancel(false)).orElse(false)) {
        submit(t.entry().envelope());
        n++;
      }
    }
    return n;
  }

  private void submit(Envelope envelope) {
    if (closed) {
      return;
    }
    Tracked before = queued.get(envelope.queueId());
    queued.put(
        envelope.queueId(),
        new Tracked(
            new QueueEntry(
                envelope,
                QueueEntry.State.ACTIVE,
                Optional.empty(),
                before == null ? "" : before.entry().lastError()),
            Optional.empty()));
    try {
      workers.execute(() -> attempt(envelope));
    } catch (RejectedExecutionException e) {
      // The simulation is shutting down; the message stays in the spool for the next run.
      log.debug("{}: not delivering {} now, shutting down", nodeId, envelope.queueId());
    }
  }

  private void attempt(Envelope envelope) {
    if (closed) {
      return;
    }
    try {
      deliver(envelope);
    } catch (IOException | RuntimeException e) {
      if (closed) {
        // Shutting down mid-attempt: what is not finished is still in the spool for next time.
        log.debug("{}: attempt of {} cut short by shutdown", nodeId, envelope.queueId(), e);
        return;
      }
      // A bug or a broken disk must never bounce mail: log, keep it queued, try again.
      log.error("{}: delivery attempt of {} failed unexpectedly", nodeId, envelope.queueId(), e);
      defer(envelope.withAttempt(), envelope.recipients(), "internal error: " + e);
    }
  }

  private void deliver(Envelope envelope) throws IOException {
    byte[] content = spool.content(envelope.queueId());
    Map<String, List<String>> byDomain = new LinkedHashMap<>();
    for (String r : envelope.recipients()) {
      byDomain.computeIfAbsent(domainOf(r), d -> new ArrayList<>()).add(r);
    }
    List<String> remaining = new ArrayList<>();
    Map<String, String> reasons = new HashMap<>();
    List<RecipientReport> failures = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byDomain.entrySet()) {
      Map<String, DeliveryOutcome> outcomes = route(envelope, e.getKey(), e.getValue(), content);
      for (Map.Entry<String, DeliveryOutcome> o : outcomes.entrySet()) {
        if (o.getValue() instanceof DeliveryOutcome.TemporaryFailure t) {
          remaining.add(o.getKey());
          reasons.put(o.getKey(), t.reason());
        } else if (o.getValue() instanceof DeliveryOutcome.PermanentFailure p) {
          failed(envelope, o.getKey(), p.reason(), p.why());
          failures.add(FailureReports.failed(o.getKey(), p.reason(), p.why(), clock.instant()));
        }
      }
    }
    Instant expires = envelope.arrival().plus(retry.queueLifetime());
    if (!remaining.isEmpty() && !clock.instant().isBefore(expires)) {
      for (String r : remaining) {
        String reason =
            "4.4.7 queue lifetime "
                + retry.queueLifetime()
                + " exceeded; last error: "
                + reasons.get(r);
        Bilingual why =
            Bilingual.of(
                "キューの保存期間 ("
                    + retry.queueLifetime()
                    + ") を過ぎたため配送をあきらめます。最後のエラー: "
                    + reasons.get(r),
                reason);
        failed(envelope, r, reason, why);
        failures.add(FailureReports.failed(r, reason, why, clock.instant()));
      }
      remaining.clear();
    }
    if (!failures.isEmpty()) {
      returnToSender(envelope, content, failures);
    }
    if (remaining.isEmpty()) {
      spool.remove(envelope.queueId());
      queued.remove(envelope.queueId());
      return;
    }
    Envelope next = envelope.withRecipients(remaining).withAttempt();
    if (shouldWarnOfDelay(next)) {
      List<RecipientReport> delayed = new ArrayList<>();
      for (String r : remaining) {
        delayed.add(FailureReports.delayed(r, reasons.get(r), clock.instant(), expires));
      }
      returnToSender(next, content, delayed);
      next = next.withDelayWarned();
    }
    spool.update(next);
    defer(next, remaining, String.join("; ", new java.util.LinkedHashSet<>(reasons.values())));
  }

  private boolean shouldWarnOfDelay(Envelope envelope) {
    return !delayWarningTime.isZero()
        && !envelope.delayWarned()
        && !DeliveryStatusNotification.isBounce(envelope.sender())
        && !clock.instant().isBefore(envelope.arrival().plus(delayWarningTime));
  }

  /**
   * Queues a delivery status notice to the sender of {@code envelope}, here, from the null sender.
   * A notice about a notice is never made: it would bounce back and forth between two servers.
   */
  private void returnToSender(Envelope envelope, byte[] content, List<RecipientReport> reports)
      throws IOException {
    if (DeliveryStatusNotification.isBounce(envelope.sender())) {
      trace.publish(
          nodeId,
          TraceType.FAILED,
          envelope.messageId(),
          envelope.queueId(),
          Bilingual.of(
              "これはエラー通知 (送信者なし) なので、失敗を通知せずに破棄します",
              "this is itself a delivery status notice (null sender): dropped, not returned"),
          Map.of("reason", "bounce not returned", "recipients", ""));
      return;
    }
    DsnMessage dsn =
        DeliveryStatusNotification.render(
            new DsnRequest(
                node.hostname(),
                node.label(),
                new OriginalMessage(
                    envelope.queueId(),
                    envelope.messageId(),
                    envelope.sender(),
                    envelope.subject(),
                    envelope.arrival(),
                    content),
                reports,
                clock.instant()));
    Envelope notice =
        Envelope.accepted(
            queueIds.next(),
            dsn.messageId(),
            dsn.sender(),
            List.of(dsn.recipient()),
            dsn.subject(),
            clock.instant());
    spool.store(notice, dsn.content());
    boolean delayed = reports.get(0).action() == RecipientReport.Action.DELAYED;
    Map<String, String> attrs = new HashMap<>();
    attrs.put("from", "");
    attrs.put("to", dsn.recipient());
    attrs.put("subject", dsn.subject());
    attrs.put("client", "local");
    attrs.put("helo", node.hostname());
    attrs.put("size", Integer.toString(dsn.content().length));
    attrs.put("about", envelope.messageId());
    trace.publish(
        nodeId,
        TraceType.RECEIVED,
        dsn.messageId(),
        notice.queueId(),
        delayed
            ? Bilingual.of(
                node.hostname()
                    + " が "
                    + dsn.recipient()
                    + " に配送遅延の通知を作りました (元のメール "
                    + envelope.messageId()
                    + ")",
                node.hostname()
                    + " wrote a delay notice to "
                    + dsn.recipient()
                    + " about "
                    + envelope.messageId())
            : Bilingual.of(
                node.hostname()
                    + " が "
                    + dsn.recipient()
                    + " にエラー通知 (DSN) を作りました (元のメール "
                    + envelope.messageId()
                    + ")",
                node.hostname()
                    + " wrote a delivery status notice to "
                    + dsn.recipient()
                    + " about "
                    + envelope.messageId()),
        attrs);
    deliverSoon(notice);
  }

  private Map<String, DeliveryOutcome> route(
      Envelope envelope, String domain, List<String> recipients, byte[] content) {
    RouteDecision decision = router.route(domain, envelope.messageId(), envelope.queueId());
    Map<String, String> attrs = new HashMap<>();
    attrs.put("domain", domain);
    attrs.put("recipients", String.join(",", recipients));
    if (decision instanceof RouteDecision.Local) {
      attrs.put("method", "local");
    } else if (decision instanceof RouteDecision.Relay relay) {
      attrs.put("method", relay.method());
      attrs.put(
          "candidates",
          String.join(",", relay.candidates().stream().map(Object::toString).toList()));
    }
    if (!(decision instanceof RouteDecision.Unroutable)) {
      trace.publish(
          nodeId,
          TraceType.ROUTE_CHOSEN,
          envelope.messageId(),
          envelope.queueId(),
          decision.why(),
          attrs);
    }
    Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
    if (decision instanceof RouteDecision.Local) {
      for (String r : recipients) {
        DeliveryOutcome o =
            mailboxes
                .map(m -> m.deliver(r, content))
                .orElse(new DeliveryOutcome.PermanentFailure("5.1.1 this node has no mailboxes"));
        if (o instanceof DeliveryOutcome.Delivered) {
          trace.publish(
              nodeId,
              TraceType.DELIVERED,
              envelope.messageId(),
              envelope.queueId(),
              Bilingual.of(r + " のメールボックスに配送しました", "delivered to the mailbox of " + r),
              Map.of("mailbox", r));
        }
        outcomes.put(r, o);
      }
      return outcomes;
    }
    if (decision instanceof RouteDecision.Relay relay) {
      return sender.send(envelope, recipients, content, relay.candidates());
    }
    RouteDecision.Unroutable u = (RouteDecision.Unroutable) decision;
    String reason = u.status() + " " + u.why().en();
    for (String r : recipients) {
      outcomes.put(
          r,
          u.permanent()
              ? new DeliveryOutcome.PermanentFailure(reason, u.why())
              : new DeliveryOutcome.TemporaryFailure(reason, u.why()));
    }
    return outcomes;
  }

  private void failed(Envelope envelope, String recipient, String reason, Bilingual why) {
    trace.publish(
        nodeId,
        TraceType.FAILED,
        envelope.messageId(),
        envelope.queueId(),
        Bilingual.of(
            recipient + " への配送は失敗しました (再送しません): " + why.ja(),
            "delivery to " + recipient + " failed permanently: " + why.en()),
        Map.of("reason", reason, "recipients", recipient));
  }

  private void defer(Envelope envelope, List<String> recipients, String reason) {
    Duration delay = retry.delayAfter(envelope.attempts());
    Instant at = clock.instant().plus(delay);
    QueueEntry deferred =
        new QueueEntry(envelope, QueueEntry.State.DEFERRED, Optional.of(at), reason);
    queued.put(envelope.queueId(), new Tracked(deferred, Optional.empty()));
    try {
      java.util.concurrent.ScheduledFuture<?> timer =
          scheduler.schedule(() -> submit(envelope), delay.toMillis(), TimeUnit.MILLISECONDS);
      // Only if the timer has not fired yet (a short backoff may already be running the retry).
      queued.computeIfPresent(
          envelope.queueId(),
          (id, t) -> t.entry() == deferred ? new Tracked(deferred, Optional.of(timer)) : t);
    } catch (RejectedExecutionException e) {
      log.debug("{}: not scheduling {}, shutting down", nodeId, envelope.queueId());
    }
    // Published once the queue shows it deferred with its timer, so whoever reacts to the event
    // (mailq, flush) sees the same state.
    trace.publish(
        nodeId,
        TraceType.DEFERRED,
        envelope.messageId(),
        envelope.queueId(),
        Bilingual.of(
            "一時的な失敗のため保留し、" + delay.toSeconds() + "秒後に再送します: " + reason,
            "deferred, next try in " + delay.toSeconds() + " s: " + reason),
        Map.of(
            "reason", reason,
            "nextAttempt", at.toString(),
            "recipients", String.join(",", recipients)));
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
