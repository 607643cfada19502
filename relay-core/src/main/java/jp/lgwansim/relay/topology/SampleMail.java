package jp.lgwansim.relay.topology;

import java.util.List;

/**
 * A mail the topology is meant to show, with the path it documents: {@code demo} and the dashboard
 * send it, and a test checks that it really takes that path.
 *
 * @param from the sender; submitted at the node whose domains hold the sender's domain
 * @param to the recipient
 * @param subject the subject
 * @param path the node ids the mail passes, in order, ending at the final mailbox's node
 */
public record SampleMail(String from, String to, String subject, List<String> path) {
  public SampleMail {
    path = List.copyOf(path);
  }
}
