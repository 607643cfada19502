package jp.lgwansim.relay.inbound;

import java.util.Locale;
import java.util.Optional;

/**
 * An SMTP reply a node is made to give at one stage of the dialogue, for every message or a
 * fraction of them: what Postfix's smtp-sink does with {@code -f}/{@code -Q} and Mailpit's chaos
 * triggers do, for trainers who want to show a deferral (4xx) or a bounce (5xx).
 *
 * @param stage where in the dialogue the reply is given
 * @param code a 4xx or 5xx reply code
 * @param text the reply text after the code (ASCII), e.g. {@code 4.3.0 try later}
 * @param fraction the share of messages (connections, for {@link Stage#CONNECT}) that get it: 1 for
 *     all, 0.5 for one in two on average, chosen at random per message
 */
public record ReplyFault(Stage stage, int code, String text, double fraction) {

  /** The points of an SMTP dialogue where a node can be made to refuse. */
  public enum Stage {
    /** The greeting: the client gets the code instead of 220 and the connection is closed. */
    CONNECT,
    /** The reply to MAIL FROM. */
    MAIL,
    /** The reply to RCPT TO, for every recipient of the message. */
    RCPT,
    /** The reply after the message content (end of DATA). */
    DATA;

    /** Lower case, as the API and the CLI spell it. */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The stage for {@code connect}, {@code mail}, {@code rcpt} or {@code data}, any case. */
    public static Optional<Stage> parse(String name) {
      for (Stage s : values()) {
        if (s.apiName().equalsIgnoreCase(name == null ? "" : name.strip())) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * @throws IllegalArgumentException when the code is not 4xx/5xx, the fraction is outside 0..1, or
   *     the text has a line break (it would end the reply early)
   */
  public ReplyFault {
    if (stage == null) {
      throw new IllegalArgumentException("a reply fault needs a stage");
    }
    if (!isValidCode(code)) {
      throw new IllegalArgumentException(
          "reply code " + code + " is not a three-digit 4xx or 5xx code");
    }
    if (!(fraction >= 0 && fraction <= 1)) { // also refuses NaN
      throw new IllegalArgumentException("fraction " + fraction + " is not between 0 and 1");
    }
    text = text == null || text.isBlank() ? defaultText(code) : text.strip();
    if (text.contains("\r") || text.contains("\n")) {
      throw new IllegalArgumentException("reply text must be one line");
    }
  }

  /** For every message. */
  public static ReplyFault always(Stage stage, int code, String text) {
    return new ReplyFault(stage, code, text, 1.0);
  }

  /** Three digits, 4xx (try later) or 5xx (give up): the only replies worth injecting. */
  public static boolean isValidCode(int code) {
    return code >= 400 && code <= 599;
  }

  /** What the client reads: code and text. */
  public String reply() {
    return code + " " + text;
  }

  /** A plausible enhanced status text when the trainer gives none. */
  static String defaultText(int code) {
    if (code == 421) {
      return "4.3.2 Service not available, closing transmission channel (fault injection)";
    }
    return code < 500
        ? "4.3.0 Temporary failure (fault injection)"
        : "5.7.1 Rejected (fault injection)";
  }
}
