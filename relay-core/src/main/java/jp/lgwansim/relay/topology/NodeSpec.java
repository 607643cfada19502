package jp.lgwansim.relay.topology;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SMTP node.
 *
 * @param id unique short name used by the CLI and API, e.g. {@code city-a}
 * @param label a human name, e.g. {@code A市メールサーバ}
 * @param role what it stands for in the figures
 * @param hostname its FQDN: EHLO name, {@code Received:} name, and the name its A records carry
 * @param addresses its address on each network it is attached to, in file order (network name to
 *     address)
 * @param smtpPort the port its SMTP listener uses on every address
 * @param delivery how it picks the next hop for foreign domains
 * @param transport per-domain overrides of delivery (domain to next hop, Postfix transport_maps
 *     style: {@code host}, {@code [host]}, {@code host:port})
 * @param domains the domains this node is the final destination for
 * @param mailboxes the mailboxes of those domains
 * @param imapPort IMAP port, used only when the node has mailboxes
 * @param pop3Port POP3 port, used only when the node has mailboxes
 * @param relayDomains domains (a leading dot: and their subdomains) it relays for clients of an
 *     Internet network too, as Postfix's relay_domains; clients of its closed networks may relay
 *     anywhere
 * @param mynetworks address ranges whose clients may relay through it anywhere, besides its closed
 *     networks (Postfix's mynetworks): e.g. an ISP relay's customers on the Internet
 * @param dnsViews the networks whose DNS views it asks, in order (a gateway asks the next view when
 *     one leads nowhere or back to itself); empty = its networks that have DNS, in file order
 * @param fallbackRelay where mail goes when its domain is not found by MX lookup (Postfix's
 *     smtp_fallback_relay): e.g. Internet mail handed to the prefecture's security cloud
 * @param sanitizeQuarantine when present, mail arriving from an Internet network is made harmless
 *     (無害化: plain text, attachments removed) and the original kept in this mailbox of the node
 */
public record NodeSpec(
    String id,
    String label,
    NodeRole role,
    String hostname,
    Map<String, InetAddress> addresses,
    int smtpPort,
    DeliverySpec delivery,
    Map<String, String> transport,
    List<String> domains,
    List<MailboxSpec> mailboxes,
    int imapPort,
    int pop3Port,
    List<String> relayDomains,
    List<jp.lgwansim.relay.net.Cidr> mynetworks,
    List<String> dnsViews,
    Optional<String> fallbackRelay,
    Optional<String> sanitizeQuarantine) {

  /** A node with no gateway settings: no relay domains, default views, no fallback, no 無害化. */
  public NodeSpec(
      String id,
      String label,
      NodeRole role,
      String hostname,
      Map<String, InetAddress> addresses,
      int smtpPort,
      DeliverySpec delivery,
      Map<String, String> transport,
      List<String> domains,
      List<MailboxSpec> mailboxes,
      int imapPort,
      int pop3Port) {
    this(
        id,
        label,
        role,
        hostname,
        addresses,
        smtpPort,
        delivery,
        transport,
        domains,
        mailboxes,
        imapPort,
        pop3Port,
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  public NodeSpec {
    relayDomains = List.copyOf(relayDomains);
    mynetworks = List.copyOf(mynetworks);
    dnsViews = List.copyOf(dnsViews);
    addresses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(addresses));
    transport = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(transport));
    domains = List.copyOf(domains);
    mailboxes = List.copyOf(mailboxes);
  }

  /** The address on its first network: where its mailboxes listen and where the CLI reaches it. */
  public InetAddress primaryAddress() {
    return addresses.values().iterator().next();
  }

  public Optional<InetAddress> addressOn(String network) {
    return Optional.ofNullable(addresses.get(network));
  }

  /**
   * How this node delivers mail for domains it is not final for.
   *
   * @param mode MX or Static delivery
   * @param smarthost for Static: the next hop, {@code [host]} (no MX lookup), {@code host} (MX
   *     lookup, then A) or either with {@code :port}; empty for MX
   */
  public record DeliverySpec(DeliveryMode mode, Optional<String> smarthost) {}

  /**
   * A final mailbox.
   *
   * @param address the full address; it is also the IMAP/POP3 login
   * @param password the IMAP/POP3 password
   */
  public record MailboxSpec(String address, String password) {}
}
