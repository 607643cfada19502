package jp.lgwansim.relay.inbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * Who may send what to a node, decided at RCPT as Postfix's smtpd_recipient_restrictions with
 * permit_mynetworks, reject_unauth_destination and reject_unlisted_recipient, plus the rule that
 * makes a closed network closed:
 *
 * <ul>
 *   <li>a client on a network of the topology that this node is not attached to is refused (554
 *       5.7.1): an Internet host never talks to an LGWAN server;
 *   <li>mail for a local domain is accepted from any other client, but only for a mailbox that
 *       exists (else 550 5.1.1, so the sender learns at once);
 *   <li>mail for any other domain is relayed for clients on the node's closed networks (LAN, LGWAN,
 *       the government network) and for the operator's console 127.0.0.1; clients on the Internet
 *       only for the node's relay domains (Postfix's relay_domains), unless they are in its own
 *       mynetworks ranges (an ISP's customers); else 554 5.7.1.
 * </ul>
 */
public final class RelayPolicy {
  /** The trainer's own mail client and the simulation's send command connect from here. */
  public static final Cidr OPERATOR_CONSOLE = Cidr.parse("127.0.0.1/32");

  private final Set<String> attached;
  private final Fabric fabric;
  private final List<String> relayDomains;
  private final List<Cidr> mynetworks;
  private final Predicate<String> isLocalDomain;
  private final Predicate<String> hasMailbox;

  /**
   * @param attached the networks the node has an address on
   * @param relayDomains domains relayed for Internet clients too; {@code .x.jp} = its subdomains
   */
  public RelayPolicy(
      Set<String> attached,
      Fabric fabric,
      List<String> relayDomains,
      List<Cidr> mynetworks,
      Predicate<String> isLocalDomain,
      Predicate<String> hasMailbox) {
    this.attached = Set.copyOf(attached);
    this.fabric = fabric;
    this.relayDomains = relayDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    this.mynetworks = List.copyOf(mynetworks);
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
    boolean console = OPERATOR_CONSOLE.contains(client);
    Optional<String> network = console ? Optional.empty() : fabric.networkOf(client);
    if (network.isPresent() && !attached.contains(network.get())) {
      return Optional.of(
          new Rejection(
              554,
              "5.7.1 <" + recipient + ">: Client host rejected: not on a network of this server",
              Bilingual.of(
                  client.getHostAddress()
                      + " は "
                      + network.get()
                      + " のホストで、このサーバはそのネットワークにつながっていません。閉域網の外からは受け付けません",
                  client.getHostAddress()
                      + " is a host of "
                      + network.get()
                      + ", a network this server is not attached to: the closed network refuses it")));
    }
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
    boolean trusted =
        console
            || network.map(n -> fabric.kind(n).trusted()).orElse(false)
            || mynetworks.stream().anyMatch(c -> c.contains(client));
    if (trusted || isRelayDomain(domain)) {
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

  /** True for a client on an Internet network (whose mail a security cloud sanitizes). */
  public boolean isInternetClient(InetAddress client) {
    return !OPERATOR_CONSOLE.contains(client)
        && fabric.networkOf(client).map(n -> !fabric.kind(n).trusted()).orElse(false);
  }

  private boolean isRelayDomain(String domain) {
    for (String d : relayDomains) {
      if (d.equals(domain) || (d.startsWith(".") && domain.endsWith(d))) {
        return true;
      }
    }
    return false;
  }
}
