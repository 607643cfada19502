package jp.lgwansim.relay.routing;

import java.util.List;
import jp.lgwansim.relay.trace.Bilingual;

/** What the router decided for one recipient domain. */
public sealed interface RouteDecision {

  /** The explanation a trainee reads. */
  Bilingual why();

  /** The domain is this node's own: deliver into its mailboxes. */
  record Local(Bilingual why) implements RouteDecision {}

  /**
   * Relay to the first candidate that answers, in order.
   *
   * @param method how they were found: {@code transport}, {@code mx}, {@code implicit-mx} or {@code
   *     static}
   */
  record Relay(String method, List<NextHop> candidates, Bilingual why) implements RouteDecision {
    public Relay {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * No next hop now.
   *
   * @param permanent true: bounce (NXDOMAIN, null MX, loop); false: try again later (DNS failure)
   * @param status the enhanced status code, e.g. {@code 5.1.2}, {@code 5.4.6}, {@code 4.4.3}
   */
  record Unroutable(boolean permanent, String status, Bilingual why) implements RouteDecision {}
}
