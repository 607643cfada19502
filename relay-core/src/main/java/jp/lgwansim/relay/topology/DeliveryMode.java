package jp.lgwansim.relay.topology;

/** How a node picks the next hop for a domain that is not its own (the article's note ※1). */
public enum DeliveryMode {
  /** MX配送方式: look up the recipient domain's MX in the DNS of the network the node sends on. */
  MX,
  /** Static配送方式: always hand the mail to a fixed smarthost (the POI's SMTP server). */
  STATIC;

  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
