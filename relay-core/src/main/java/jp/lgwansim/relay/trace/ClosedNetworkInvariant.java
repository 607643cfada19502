package jp.lgwansim.relay.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Watches every hop for the article's central rule: mail between governments (LG.JP) and with the
 * ministries (GO.JP) travels over LGWAN and the government network only, never the Internet. When a
 * message whose sender and recipients are all LG.JP / GO.JP is received on an Internet network, it
 * publishes one {@link TraceType#VIOLATION} for that message and remembers it, so the API can show
 * it and tests can fail on it.
 */
public final class ClosedNetworkInvariant implements AutoCloseable {
  /** Keep at most this many hops of messages in mind; a class never sends more at once. */
  private static final int MAX_TRACKED = 10_000;

  private final TraceBus bus;
  private final Predicate<String> isInternetNetwork;
  private final AutoCloseable subscription;
  private final List<TraceEvent> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Boolean> reported =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > MAX_TRACKED;
            }
          });

  /**
   * @param isInternetNetwork whether a network name is of kind internet
   */
  public ClosedNetworkInvariant(TraceBus bus, Predicate<String> isInternetNetwork) {
    this.bus = bus;
    this.isInternetNetwork = isInternetNetwork;
    this.subscription = bus.subscribe(this::check);
  }

  /** Every violation seen so far, oldest first. */
  public List<TraceEvent> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  private void check(TraceEvent e) {
    if (e.type() != TraceType.RECEIVED || !isInternetNetwork.test(e.attribute("network"))) {
      return;
    }
    String from = e.attribute("from");
    List<String> to = List.of(e.attribute("to").split(","));
    if (!isGovernment(from) || !to.stream().allMatch(ClosedNetworkInvariant::isGovernment)) {
      return;
    }
    if (reported.putIfAbsent(e.messageId(), Boolean.TRUE) != null) {
      return;
    }
    TraceEvent v =
        bus.publish(
            e.node(),
            TraceType.VIOLATION,
            e.messageId(),
            e.queueId(),
            Bilingual.of(
                "違反: 自治体・府省の間のメール ("
                    + from
                    + " → "
                    + String.join(", ", to)
                    + ") がインターネット ("
                    + e.attribute("network")
                    + ") を通りました。LG.JP のメールは LGWAN だけを通るはずです",
                "violation: mail between governments ("
                    + from
                    + " → "
                    + String.join(", ", to)
                    + ") crossed the Internet ("
                    + e.attribute("network")
                    + "); LG.JP mail must travel over LGWAN only"),
            Map.of("network", e.attribute("network"), "from", from, "to", e.attribute("to")));
    violations.add(v);
  }

  /** An address (or bare domain) of a local government or a ministry. */
  static boolean isGovernment(String address) {
    String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return domain.equals("lg.jp")
        || domain.endsWith(".lg.jp")
        || domain.equals("go.jp")
        || domain.endsWith(".go.jp");
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }
}
