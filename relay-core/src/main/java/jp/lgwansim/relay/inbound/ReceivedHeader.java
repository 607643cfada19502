package jp.lgwansim.relay.inbound;

import java.net.InetAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Received:} trace header a node prepends (RFC 5321 4.4), in Postfix's layout so that
 * trainees recognise it from real mail. No reverse DNS: the client's HELO name and address are
 * shown as they are.
 */
final class ReceivedHeader {
  /** Japan Standard Time: the simulated servers stand in Japan. */
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private ReceivedHeader() {}

  static String format(
      String helo,
      InetAddress client,
      String byHost,
      String queueId,
      List<String> recipients,
      ZonedDateTime when) {
    StringBuilder h = new StringBuilder("Received: from ");
    h.append(helo.isEmpty() ? "unknown" : helo)
        .append(" ([")
        .append(client.getHostAddress())
        .append("])\r\n\tby ")
        .append(byHost)
        .append(" (LGWAN-Sim) with ESMTP id ")
        .append(queueId);
    if (recipients.size() == 1) {
      h.append("\r\n\tfor <").append(recipients.get(0)).append('>');
    }
    h.append("; ").append(RFC_5322.format(when.withZoneSameInstant(JST))).append("\r\n");
    return h.toString();
  }

  static String date(ZonedDateTime when) {
    return RFC_5322.format(when.withZoneSameInstant(JST));
  }
}
