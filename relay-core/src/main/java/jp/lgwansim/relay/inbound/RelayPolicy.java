package jp.lgwansim.relay.inbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * Who may send what to a node, decided at RCPT as Postfix's smtpd_recipient_restrictions with
 * permit_mynetworks, reject_unauth_destination and reject_unlisted_recipient:
 *
 * <ul>
 *   <li>mail for a local domain is accepted from anyone who can reach the node, but only for a
 *       mailbox that exists (else 550 5.1.1, so the sender learns at once);
 *   <li>mail for any other domain is relayed only for clients inside the relay networks (the
 *       networks the node is attached to, and the operator's console 127.0.0.1); else 554 5.7.1.
 * </ul>
 */
public final class RelayPolicy {
  /** The trainer's own mail client and the simulation's send command connect from here. */
  public static final Cidr OPERATOR_CONSOLE = Cidr.parse("127.0.0.1/32");

  private final List<Cidr> relayClients;
  private final Predicate<String> isLocalDomain;
  private final Predicate<String> hasMailbox;

  public RelayPolicy(
      List<Cidr> relayClients, Predicate<String> isLocalDomain, Predicate<String> hasMailbox) {
    this.relayClients = List.copyOf(relayClients);
    this.isLocalDomain = isLocalDomain;
    this.hasMailbox = hasMailbox;
  }

  /** Empty when the recipient is accepted. */
  public Optional<Rejection> checkRecipient(InetAddress client, String recipient) {
    int at = recipient.lastIndexOf('@');
    if (at <= 0 || at == recipient.length() - 1) {
      return Optional.of(
          new Rejection(
              501,
              "5.1.3 Bad recipient address syntax: <" + recipient + ">",
              Bilingual.of(
                  "宛先アドレスの形式が正しくありません: " + recipient,
                  "bad recipient address syntax: " + recipient)));
    }
    String domain = recipient.substring(at + 1).toLowerCase(Locale.ROOT);
    if (isLocalDomain.test(domain)) {
      if (hasMailbox.test(recipient)) {
        return Optional.empty();
      }
      return Optional.of(
          new Rejection(
              550,
              "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown",
              Bilingual.of(
                  recipient + " というメールボックスはありません (ユーザ不明)",
                  "no mailbox " + recipient + " here (user unknown)")));
    }
    if (relayClients.stream().anyMatch(c -> c.contains(client))) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            554,
            "5.7.1 <" + recipient + ">: Relay access denied",
            Bilingual.of(
                client.getHostAddress() + " からの " + domain + " 宛の中継は許可されていません (不正中継の拒否)",
                "relay from " + client.getHostAddress() + " to " + domain + " is not allowed")));
  }
}
