package jp.lgwansim.relay.dsn;

import jp.lgwansim.relay.trace.Bilingual;

/**
 * Writes the human-readable first part of a notice: the whole story in Japanese, then the same in
 * English, as the house rule wants. It follows the shape of Postfix's bounce template (who is
 * writing, what happened, then one paragraph per recipient) and adds what a trainee needs beyond
 * it: which node of the simulation gave up, what it asked and got, and what to fix.
 *
 * <p>Lines are not wrapped here: the part is sent in quoted-printable or base64 (Jakarta Mail
 * picks), which keeps every line on the wire short whatever the length of a sentence.
 */
final class NotificationText {

  private NotificationText() {}

  /** The subject of a notice, Japanese first (Postfix's English words after the slash). */
  static Bilingual subject(RecipientReport.Action action) {
    return action == RecipientReport.Action.FAILED
        ? Bilingual.of("配送できませんでした", "Undelivered Mail Returned to Sender")
        : Bilingual.of("配送が遅れています", "Delayed Mail (still being retried)");
  }

  /** The text of the first part, lines ended by LF (the MIME layer writes CRLF). */
  static String render(DsnRequest request) {
    StringBuilder out = new StringBuilder(2048);
    japanese(out, request);
    out.append('\n').append("-".repeat(72)).append("\n\n");
    english(out, request);
    return out.toString();
  }

  private static void japanese(StringBuilder out, DsnRequest request) {
    OriginalMessage m = request.original();
    out.append("このメールは、")
        .append(request.reportingMta())
        .append(" (ノード「")
        .append(request.nodeLabel())
        .append("」) のメール配送システムが自動で送っています。\n\n");
    if (request.action() == RecipientReport.Action.FAILED) {
      out.append("お送りになったメールを、次の宛先に配送できませんでした。").append("元のメールのヘッダを添付します。\n");
    } else {
      out.append("これは警告です。メールを送り直す必要はありません。\n")
          .append("お送りになったメールは、次の宛先にまだ配送できていません。")
          .append("配送の試みは下に示す期限まで続きます。\n");
    }
    for (RecipientReport r : request.recipients()) {
      out.append("\n<").append(r.finalRecipient()).append(">\n");
      line(out, "何が起きたか", r.explanation().ja());
      r.asked().ifPresent(a -> line(out, "問い合わせと応答", a.ja()));
      r.fix().ifPresent(f -> line(out, "直し方", f.ja()));
      r.remoteMta().ifPresent(h -> line(out, "相手のサーバ", h));
      line(out, "状態コード", r.status() + " (" + r.diagnosticCode() + ")");
      line(out, "最後の試み", DeliveryStatusFields.date(r.lastAttempt()));
      r.willRetryUntil().ifPresent(t -> line(out, "再送の期限", DeliveryStatusFields.date(t)));
    }
    out.append("\n元のメール: 件名「")
        .append(m.subject())
        .append("」")
        .append(m.messageId().isEmpty() ? "" : "、Message-ID <" + m.messageId() + ">")
        .append("、受付 ")
        .append(DeliveryStatusFields.date(m.arrival()))
        .append(" (キューID ")
        .append(m.queueId())
        .append(")\n");
    out.append("詳しくは添付の配送状態レポート (message/delivery-status) をご覧ください。")
        .append("問い合わせるときは、この通知をそのまま管理者 (postmaster) に転送してください。\n");
  }

  private static void english(StringBuilder out, DsnRequest request) {
    OriginalMessage m = request.original();
    out.append("This is the mail system at host ")
        .append(request.reportingMta())
        .append(" (node \"")
        .append(request.nodeLabel())
        .append("\").\n\n");
    if (request.action() == RecipientReport.Action.FAILED) {
      out.append("I'm sorry to have to inform you that your message could not be delivered")
          .append(" to one or more recipients. Its headers are attached below.\n");
    } else {
      out.append("THIS IS A WARNING ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n")
          .append("Your message could not be delivered yet to the recipients below.")
          .append(" Delivery will be retried until the time shown for each.\n");
    }
    for (RecipientReport r : request.recipients()) {
      out.append("\n<").append(r.finalRecipient()).append(">\n");
      line(out, "What happened", r.explanation().en());
      r.asked().ifPresent(a -> line(out, "What was asked", a.en()));
      r.fix().ifPresent(f -> line(out, "What to fix", f.en()));
      r.remoteMta().ifPresent(h -> line(out, "Remote server", h));
      line(out, "Status", r.status() + " (" + r.diagnosticCode() + ")");
      line(out, "Last attempt", DeliveryStatusFields.date(r.lastAttempt()));
      r.willRetryUntil().ifPresent(t -> line(out, "Retried until", DeliveryStatusFields.date(t)));
    }
    out.append("\nOriginal message: subject \"")
        .append(m.subject())
        .append('"')
        .append(m.messageId().isEmpty() ? "" : ", Message-ID <" + m.messageId() + ">")
        .append(", received ")
        .append(DeliveryStatusFields.date(m.arrival()))
        .append(" (queue ID ")
        .append(m.queueId())
        .append(")\n");
    out.append("The delivery report (message/delivery-status) is attached. For help, forward")
        .append(" this notice as it is to your postmaster.\n");
  }

  private static void line(StringBuilder out, String label, String value) {
    // A CR or LF inside a value (e.g. from a multi-line reply) would break the indentation.
    out.append("  ")
        .append(label)
        .append(": ")
        .append(value.replaceAll("[\\r\\n]+", " "))
        .append('\n');
  }
}
