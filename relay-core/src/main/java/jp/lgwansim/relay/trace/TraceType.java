package jp.lgwansim.relay.trace;

/**
 * The kinds of step a message takes through a node, and the faults a trainer injects; names are the
 * API's spelling.
 */
public enum TraceType {
  /** A node accepted a message (after it is spooled) and said 250. */
  RECEIVED("received"),
  /** A node asked its DNS a question. */
  DNS_QUERY("dns-query"),
  /** The DNS answered (records, NXDOMAIN, no data, or no answer). */
  DNS_ANSWER("dns-answer"),
  /** The router chose the next hop candidates, and says why. */
  ROUTE_CHOSEN("route-chosen"),
  /** The sender opened an SMTP connection to a next hop. */
  CONNECTED("connected"),
  /** The next hop accepted the message with 250. */
  RELAYED("relayed"),
  /** The message was put into a final mailbox. */
  DELIVERED("delivered"),
  /** A temporary failure: the message stays queued and is tried again. */
  DEFERRED("deferred"),
  /** A permanent failure: the message will not be delivered. */
  FAILED("failed"),
  /** A node refused a command of an SMTP client (the client keeps the message). */
  REJECTED("rejected"),
  /**
   * Mail between LG.JP / GO.JP parties crossed the Internet: the article's central rule broken.
   * Published by the route invariant, never by a node.
   */
  VIOLATION("violation"),
  /**
   * A fault was injected or undone (a node stopped, a link cut, a DNS record changed...). Belongs
   * to no message: {@code node} is the node or the DNS view concerned, {@code messageId} is empty,
   * and the attribute {@code fault} names the kind.
   */
  FAULT("fault");

  private final String apiName;

  TraceType(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }
}
