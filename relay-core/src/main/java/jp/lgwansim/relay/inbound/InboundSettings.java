package jp.lgwansim.relay.inbound;

import java.util.Optional;
import java.util.function.Consumer;
import jp.lgwansim.relay.queue.QueueIds;
import jp.lgwansim.relay.sanitize.Sanitizer;

/**
 * The fixed settings of a node's SMTP listener.
 *
 * @param nodeId for the trace
 * @param hostname EHLO greeting and {@code Received: by} name
 * @param maxMessageSize bytes (topology key queue.message_size_limit)
 * @param hopLimit Received headers at or above which a message is refused as a loop (topology key
 *     queue.hopcount_limit)
 * @param queueIds where queue ids come from
 * @param sanitizer for a security cloud gateway: makes mail from the Internet harmless
 * @param quarantine keeps the original of each sanitized mail (the gateway's quarantine mailbox)
 */
public record InboundSettings(
    String nodeId,
    String hostname,
    int maxMessageSize,
    int hopLimit,
    QueueIds queueIds,
    Optional<Sanitizer> sanitizer,
    Consumer<byte[]> quarantine) {}
