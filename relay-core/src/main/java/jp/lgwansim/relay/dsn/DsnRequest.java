package jp.lgwansim.relay.dsn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one notice says: who reports, about which message, and what became of each recipient.
 * All recipients of one notice share one action, as in Postfix, where a bounce and a delay warning
 * are separate messages: the subject and the opening sentence then say the truth for every line.
 *
 * @param reportingMta the host name of the reporting node ({@code Reporting-MTA}, the From domain)
 * @param nodeLabel the node's label or id as the topology names it, e.g. {@code B町メールサーバ}
 * @param original the message the notice is about
 * @param recipients what became of each recipient reported; at least one, all with one action
 * @param now when the notice is made (the caller's clock, so tests are repeatable)
 */
public record DsnRequest(
    String reportingMta,
    String nodeLabel,
    OriginalMessage original,
    List<RecipientReport> recipients,
    Instant now) {

  public DsnRequest {
    Objects.requireNonNull(reportingMta, "reportingMta");
    Objects.requireNonNull(nodeLabel, "nodeLabel");
    Objects.requireNonNull(original, "original");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(now, "now");
    if (reportingMta.isBlank()) {
      throw new IllegalArgumentException("reportingMta is empty");
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a notice reports at least one recipient");
    }
    RecipientReport.Action first = recipients.get(0).action();
    for (RecipientReport r : recipients) {
      if (r.action() != first) {
        throw new IllegalArgumentException(
            "one notice is either a bounce or a delay warning: make one per action");
      }
    }
  }

  /** The action shared by every recipient of this notice. */
  public RecipientReport.Action action() {
    return recipients.get(0).action();
  }
}
