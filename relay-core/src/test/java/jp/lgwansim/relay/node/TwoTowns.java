package jp.lgwansim.relay.node;

import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.topology.Topology;

/** The smallest Figure 1: A市's server relays by MX to B町's, which holds user@b.lg.jp. */
final class TwoTowns {
  static final String A = "a";
  static final String B = "b";
  static final String FROM = "user@a.lg.jp";
  static final String TO = "user@b.lg.jp";
  static final String TO_PASSWORD = "pass-b.lg.jp";

  private TwoTowns() {}

  static Topology topology() {
    return builder().build();
  }

  static TopologyBuilder builder() {
    return new TopologyBuilder()
        .mxNode(A, "mail.a.lg.jp", "a.lg.jp")
        .mxNode(B, "mail.b.lg.jp", "b.lg.jp");
  }
}
