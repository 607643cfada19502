package jp.lgwansim.sim.api;

/**
 * What {@code POST /api/send} answers.
 *
 * @param id the message's short id in {@link MessageTracker} (the home node's queue id)
 * @param messageId the Message-ID that was generated, without angle brackets
 * @param node the home node that accepted it
 */
public record Submission(String id, String messageId, String node) {}
