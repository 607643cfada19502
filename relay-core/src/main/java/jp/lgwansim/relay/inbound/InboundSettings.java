package jp.lgwansim.relay.inbound;

import jp.lgwansim.relay.queue.QueueIds;

/**
 * The fixed settings of a node's SMTP listener.
 *
 * @param nodeId for the trace
 * @param hostname EHLO greeting and {@code Received: by} name
 * @param maxMessageSize bytes (topology key queue.message_size_limit)
 * @param hopLimit Received headers at or above which a message is refused as a loop (topology key
 *     queue.hopcount_limit)
 * @param queueIds where queue ids come from
 */
public record InboundSettings(
    String nodeId, String hostname, int maxMessageSize, int hopLimit, QueueIds queueIds) {}
