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
    int pop3Port) {

  public NodeSpec {
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
