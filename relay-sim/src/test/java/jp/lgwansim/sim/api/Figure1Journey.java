package jp.lgwansim.sim.api;

import java.util.Map;
import java.util.function.BiConsumer;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceType;

/**
 * The rest of Figure 1's MX path, traced the way the nodes trace it, for a message that {@link
 * FakeSimulation}'s A市 has just received: A市 asks LGWAN DNS for B町's MX, relays to the LGWAN relay,
 * which relays to B町, which delivers into hanako's mailbox.
 */
public final class Figure1Journey implements BiConsumer<TraceEvent, TraceBus> {

  @Override
  public void accept(TraceEvent received, TraceBus bus) {
    if (!received.node().equals(FakeSimulation.CITY_A)) {
      return;
    }
    String id = received.messageId();
    String aq = received.queueId();
    String to = received.attribute("to");
    bus.publish(
        "city-a",
        TraceType.DNS_QUERY,
        id,
        aq,
        text("MX を問い合わせ", "asks MX"),
        Map.of(
            "query", "town-b.lg.jp", "qtype", "MX", "view", "lgwan", "server", "127.10.0.53:5353"));
    bus.publish(
        "city-a",
        TraceType.DNS_ANSWER,
        id,
        aq,
        text("MX の回答", "MX answer"),
        Map.of(
            "query",
            "town-b.lg.jp",
            "qtype",
            "MX",
            "view",
            "lgwan",
            "server",
            "127.10.0.53:5353",
            "rcode",
            "NOERROR",
            "answer",
            "town-b.lg.jp. 300 IN MX 10 relay.lgwan.jp."));
    bus.publish(
        "city-a",
        TraceType.ROUTE_CHOSEN,
        id,
        aq,
        text("MX配送", "MX delivery"),
        Map.of(
            "domain",
            "town-b.lg.jp",
            "method",
            "mx",
            "candidates",
            "relay.lgwan.jp[127.10.0.10]:2525",
            "recipients",
            to));
    bus.publish(
        "city-a",
        TraceType.CONNECTED,
        id,
        aq,
        text("接続", "connected"),
        Map.of("nextHop", "relay.lgwan.jp", "address", "127.10.0.10:2525", "nextNode", "relay"));
    bus.publish(
        "relay",
        TraceType.RECEIVED,
        id,
        "RQ1",
        text("受信", "received"),
        Map.of(
            "from",
            received.attribute("from"),
            "to",
            to,
            "subject",
            received.attribute("subject"),
            "client",
            "127.10.0.2",
            "helo",
            "mail.city-a.lg.jp",
            "size",
            "500"));
    bus.publish(
        "city-a",
        TraceType.RELAYED,
        id,
        aq,
        text("転送", "relayed"),
        Map.of(
            "nextHop",
            "relay.lgwan.jp",
            "nextNode",
            "relay",
            "reply",
            "250 2.0.0 OK queued as RQ1",
            "recipients",
            to));
    bus.publish(
        "relay",
        TraceType.ROUTE_CHOSEN,
        id,
        "RQ1",
        text("転送設定", "transport"),
        Map.of(
            "domain",
            "town-b.lg.jp",
            "method",
            "transport",
            "candidates",
            "mail.town-b.lg.jp[127.10.0.3]:2525",
            "recipients",
            to));
    bus.publish(
        "relay",
        TraceType.CONNECTED,
        id,
        "RQ1",
        text("接続", "connected"),
        Map.of("nextHop", "mail.town-b.lg.jp", "address", "127.10.0.3:2525", "nextNode", "town-b"));
    bus.publish(
        "town-b",
        TraceType.RECEIVED,
        id,
        "TQ1",
        text("受信", "received"),
        Map.of(
            "from",
            received.attribute("from"),
            "to",
            to,
            "subject",
            received.attribute("subject"),
            "client",
            "127.10.0.10",
            "helo",
            "relay.lgwan.jp",
            "size",
            "600"));
    bus.publish(
        "relay",
        TraceType.RELAYED,
        id,
        "RQ1",
        text("転送", "relayed"),
        Map.of(
            "nextHop",
            "mail.town-b.lg.jp",
            "nextNode",
            "town-b",
            "reply",
            "250 2.0.0 OK queued as TQ1",
            "recipients",
            to));
    for (String mailbox : to.split(",")) {
      bus.publish(
          "town-b",
          TraceType.DELIVERED,
          id,
          "TQ1",
          text("配送", "delivered"),
          Map.of("mailbox", mailbox));
    }
  }

  private static Bilingual text(String ja, String en) {
    return Bilingual.of(ja, en);
  }
}
