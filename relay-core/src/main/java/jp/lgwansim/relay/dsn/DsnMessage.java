package jp.lgwansim.relay.dsn;

/**
 * A notice ready to be spooled: its bytes and what the queue's envelope needs to know of it, so the
 * caller does not parse back what was just written.
 *
 * @param messageId the notice's own {@code Message-ID}, without angle brackets
 * @param recipient the envelope recipient: the original message's sender
 * @param subject the decoded subject, e.g. {@code 配送できませんでした / Undelivered Mail Returned to Sender}
 * @param content the whole message, headers and body, every line ended by CRLF
 */
public record DsnMessage(String messageId, String recipient, String subject, byte[] content) {

  /**
   * The envelope sender of every notice: the null sender, {@link
   * DeliveryStatusNotification#NULL_SENDER}.
   */
  public String sender() {
    return DeliveryStatusNotification.NULL_SENDER;
  }
}
