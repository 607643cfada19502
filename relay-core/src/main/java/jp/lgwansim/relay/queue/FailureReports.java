package jp.lgwansim.relay.queue;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwansim.relay.dsn.RecipientReport;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * Turns why a recipient failed (the sender's or the router's words) into the fields of a delivery
 * status notice: its status code, its diagnostic, the server that answered, and what to fix.
 *
 * <p>A remote server's reply reaches here as {@code host[ip]:port said: 550 5.1.1 ...} (from the
 * sender); the router's own decisions start with their status ({@code 5.1.2 ...}).
 */
final class FailureReports {
  private static final Pattern REMOTE =
      Pattern.compile("^([^\\[\\s]+)\\[[^\\]]*\\]:\\d+ said: (.*)$");
  private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
  private static final Pattern REPLY_CODE = Pattern.compile("^([245])\\d\\d\\b");

  private FailureReports() {}

  /** The report of a recipient that failed for good. */
  static RecipientReport failed(String recipient, String reason, Bilingual why, Instant at) {
    Matcher remote = REMOTE.matcher(reason);
    String status = status(reason, '5');
    RecipientReport report =
        remote.matches()
            ? RecipientReport.failed(recipient, status, "smtp; " + remote.group(2), at, why)
                .withRemoteMta(remote.group(1))
            : RecipientReport.failed(recipient, status, "X-LGWAN-Sim; " + reason, at, why);
    Optional<Bilingual> fix = fixFor(status);
    return fix.isPresent() ? report.withFix(fix.get()) : report;
  }

  /** The report of a recipient still being retried (a delay warning). */
  static RecipientReport delayed(String recipient, String reason, Instant at, Instant retryUntil) {
    Matcher remote = REMOTE.matcher(reason);
    String status = status(reason, '4');
    if (status.charAt(0) != '4') {
      status = "4.4.1";
    }
    Bilingual why =
        Bilingual.of(
            "まだ配送できていませんが、" + "再送を続けています: " + reason,
            "not delivered yet; still being retried: " + reason);
    RecipientReport report =
        remote.matches()
            ? RecipientReport.delayed(
                    recipient, status, "smtp; " + remote.group(2), at, retryUntil, why)
                .withRemoteMta(remote.group(1))
            : RecipientReport.delayed(
                recipient, status, "X-LGWAN-Sim; " + reason, at, retryUntil, why);
    return report;
  }

  /** The enhanced status code in the text, else one made from the reply code's class. */
  private static String status(String reason, char fallbackClass) {
    Matcher m = STATUS.matcher(reason);
    if (m.find()) {
      return m.group(1);
    }
    Matcher remote = REMOTE.matcher(reason);
    String reply = remote.matches() ? remote.group(2) : reason;
    Matcher code = REPLY_CODE.matcher(reply);
    return (code.find() ? code.group(1) : String.valueOf(fallbackClass)) + ".0.0";
  }

  /** What the administrator should check, for the statuses the simulation produces itself. */
  private static Optional<Bilingual> fixFor(String status) {
    switch (status) {
      case "5.1.2":
        return Optional.of(
            Bilingual.of(
                "宛先ドメイン名を確認してください。MXレコードが表示されない場合、DNSは正しく構成されていません"
                    + " (nslookup -type=MX で確認できます)",
                "Check the domain name. No MX record shown means DNS is not configured correctly"
                    + " (check with nslookup -type=MX)"));
      case "5.1.1":
        return Optional.of(
            Bilingual.of(
                "宛先のメールアドレス (@ より左) を確認してください",
                "Check the recipient's address (the part before @)"));
      case "5.1.10":
        return Optional.of(
            Bilingual.of(
                "宛先ドメインはメールを受け付けないと宣言しています (null MX)。別の連絡手段を使ってください",
                "The domain declares that it accepts no mail (null MX); use another way to reach"
                    + " them"));
      case "5.4.6":
        return Optional.of(
            Bilingual.of(
                "MXレコードまたは転送設定 (transport) が中継サーバ自身を指していないか確認してください",
                "Check that no MX record or transport entry points back at the relaying server"));
      case "5.4.4":
        return Optional.of(
            Bilingual.of(
                "MXレコードが指すホスト名に A レコードがあるか確認してください",
                "Check that the host names the MX records point to have A records"));
      case "4.4.7":
        return Optional.of(
            Bilingual.of(
                "相手のメールサーバが止まっていないか、経路が切れていないか確認してください",
                "Check whether the next mail server is down or the link to it is cut"));
      default:
        return Optional.empty();
    }
  }
}
