package jp.lgwansim.relay.dsn;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * What became of one recipient: the machine-readable fields of its RFC 3464 per-recipient block and
 * the words a person reads about it. Start from {@link #failed} or {@link #delayed}; add what is
 * known with the {@code with...} methods.
 *
 * @param finalRecipient the address delivery was attempted to ({@code Final-Recipient})
 * @param originalRecipient the address as the sender gave it, if it is known ({@code
 *     Original-Recipient})
 * @param action {@code failed} (a bounce) or {@code delayed} (a warning; still being retried)
 * @param status the RFC 3463 enhanced status code, e.g. {@code 5.1.2}, {@code 5.1.1}, {@code 4.4.1}
 * @param diagnosticCode {@code type; text}, e.g. {@code smtp; 550 5.1.1 <x>: user unknown} (the
 *     reply of a remote server) or {@code X-LGWAN-Sim; no MX and no A for nosuch.lg.jp} (this
 *     node's own finding)
 * @param remoteMta the host name of the server that gave the reply, when there was one
 * @param lastAttempt when delivery to this recipient was last tried
 * @param willRetryUntil for {@code delayed} only: when the node will give up
 * @param explanation what happened, for people
 * @param asked what the node asked and what it got, e.g. the MX query and its empty answer
 * @param fix what the reader (or their administrator) should do about it
 */
public record RecipientReport(
    String finalRecipient,
    Optional<String> originalRecipient,
    Action action,
    String status,
    String diagnosticCode,
    Optional<String> remoteMta,
    Instant lastAttempt,
    Optional<Instant> willRetryUntil,
    Bilingual explanation,
    Optional<Bilingual> asked,
    Optional<Bilingual> fix) {

  /** RFC 3463: class.subject.detail, each of at most three digits. */
  private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  /** RFC 3464 §2.3.6: {@code diagnostic-type ";" *text}, the type being an atom like smtp. */
  private static final Pattern DIAGNOSTIC = Pattern.compile("[A-Za-z0-9-]+;.*", Pattern.DOTALL);

  /** The two actions a notice of this simulator reports (RFC 3464 §2.3.3). */
  public enum Action {
    /** Delivery failed for good; the message is returned. */
    FAILED,
    /** Not delivered yet and still being retried; a warning only. */
    DELAYED;

    /** The value of the {@code Action:} field. */
    public String field() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RecipientReport {
    Objects.requireNonNull(finalRecipient, "finalRecipient");
    Objects.requireNonNull(originalRecipient, "originalRecipient");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(diagnosticCode, "diagnosticCode");
    Objects.requireNonNull(remoteMta, "remoteMta");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(willRetryUntil, "willRetryUntil");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(asked, "asked");
    Objects.requireNonNull(fix, "fix");
    if (finalRecipient.isBlank()) {
      throw new IllegalArgumentException("finalRecipient is empty");
    }
    if (!STATUS.matcher(status).matches()) {
      throw new IllegalArgumentException(
          "status " + status + " is not an RFC 3463 code like 5.1.2 or 4.4.1");
    }
    if (!DIAGNOSTIC.matcher(diagnosticCode).matches()) {
      throw new IllegalArgumentException(
          "diagnosticCode \""
              + diagnosticCode
              + "\" must be \"type; text\", e.g. \"smtp; 550 5.1.1 user unknown\"");
    }
    if (action == Action.DELAYED) {
      // A 5.x.x status means nothing will be retried; calling that delayed would mislead.
      if (!status.startsWith("4.")) {
        throw new IllegalArgumentException("a delayed recipient needs a 4.x.x status: " + status);
      }
      if (willRetryUntil.isEmpty()) {
        throw new IllegalArgumentException("a delayed recipient needs willRetryUntil");
      }
    } else {
      // failed: 5.x.x, or 4.x.x when a temporary error lasted past the queue lifetime (as Postfix).
      if (status.startsWith("2.")) {
        throw new IllegalArgumentException("a failed recipient cannot have a 2.x.x status");
      }
      if (willRetryUntil.isPresent()) {
        throw new IllegalArgumentException("a failed recipient is not retried: no willRetryUntil");
      }
    }
  }

  /** A recipient given up on: it is returned to the sender. */
  public static RecipientReport failed(
      String recipient,
      String status,
      String diagnosticCode,
      Instant lastAttempt,
      Bilingual explanation) {
    return new RecipientReport(
        recipient,
        Optional.empty(),
        Action.FAILED,
        status,
        diagnosticCode,
        Optional.empty(),
        lastAttempt,
        Optional.empty(),
        explanation,
        Optional.empty(),
        Optional.empty());
  }

  /** A recipient still being retried until {@code willRetryUntil}: the sender is only warned. */
  public static RecipientReport delayed(
      String recipient,
      String status,
      String diagnosticCode,
      Instant lastAttempt,
      Instant willRetryUntil,
      Bilingual explanation) {
    return new RecipientReport(
        recipient,
        Optional.empty(),
        Action.DELAYED,
        status,
        diagnosticCode,
        Optional.empty(),
        lastAttempt,
        Optional.of(willRetryUntil),
        explanation,
        Optional.empty(),
        Optional.empty());
  }

  /** The same report with the server that answered, e.g. {@code mx.b.lg.jp}. */
  public RecipientReport withRemoteMta(String host) {
    return new RecipientReport(
        finalRecipient,
        originalRecipient,
        action,
        status,
        diagnosticCode,
        Optional.of(host),
        lastAttempt,
        willRetryUntil,
        explanation,
        asked,
        fix);
  }

  /** The same report with the address as the sender wrote it. */
  public RecipientReport withOriginalRecipient(String address) {
    return new RecipientReport(
        finalRecipient,
        Optional.of(address),
        action,
        status,
        diagnosticCode,
        remoteMta,
        lastAttempt,
        willRetryUntil,
        explanation,
        asked,
        fix);
  }

  /** The same report with what the node asked and what it got. */
  public RecipientReport withAsked(Bilingual what) {
    return new RecipientReport(
        finalRecipient,
        originalRecipient,
        action,
        status,
        diagnosticCode,
        remoteMta,
        lastAttempt,
        willRetryUntil,
        explanation,
        Optional.of(what),
        fix);
  }

  /** The same report with what to do about it. */
  public RecipientReport withFix(Bilingual what) {
    return new RecipientReport(
        finalRecipient,
        originalRecipient,
        action,
        status,
        diagnosticCode,
        remoteMta,
        lastAttempt,
        willRetryUntil,
        explanation,
        asked,
        Optional.of(what));
  }
}
