package jp.lgwansim.relay.inbound;

/**
 * The fixed settings of a node's SMTP listener.
 *
 * @param nodeId for the trace
 * @param hostname EHLO greeting and {@code Received: by} name
 * @param maxMessageSize bytes; Postfix's message_size_limit default is 10240000
 * @param hopLimit Received headers at or above which a message is refused as a loop; Postfix's
 *     hopcount_limit default is 50
 * @param queueIds where queue ids come from
 */
public record InboundSettings(
    String nodeId, String hostname, int maxMessageSize, int hopLimit, QueueIds queueIds) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 10_240_000;
  public static final int DEFAULT_HOP_LIMIT = 50;
}
