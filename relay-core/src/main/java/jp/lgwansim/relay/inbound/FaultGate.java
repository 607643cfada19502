package jp.lgwansim.relay.inbound;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Where an injected fault meets the SMTP dialogue: SubEthaSMTP's {@link SessionHandler} hook, run
 * on the connection's thread before the greeting (so a CONNECT fault replaces the 220 and closes
 * the connection, as a real server that is out of service does), and the check the session makes at
 * MAIL, RCPT and DATA. Each injected reply is traced as REJECTED with the attribute {@code
 * fault=reply}, so the trace shows that the refusal was made on purpose.
 */
final class FaultGate implements SessionHandler {
  private final NodeFaults faults;
  private final String nodeId;
  private final TraceBus trace;

  FaultGate(NodeFaults faults, String nodeId, TraceBus trace) {
    this.faults = faults;
    this.nodeId = nodeId;
    this.trace = trace;
  }

  @Override
  public SessionAcceptance accept(Session session) {
    faults.delay();
    Optional<ReplyFault> fault = faults.roll(ReplyFault.Stage.CONNECT);
    if (fault.isEmpty()) {
      return SessionAcceptance.success();
    }
    traced(fault.get(), session.getRemoteAddress(), "", "", "");
    return SessionAcceptance.failure(fault.get().code(), fault.get().text());
  }

  @Override
  public void onSessionEnd(Session session) {}

  /** Waits the latency, then the fault to answer at this stage for this message, if any. */
  Optional<ReplyFault> check(ReplyFault.Stage stage) {
    faults.delay();
    return faults.roll(stage);
  }

  /** Waits the latency only (a later reply of a stage already decided). */
  void delay() {
    faults.delay();
  }

  /** Publishes the REJECTED event of an injected reply. */
  void traced(
      ReplyFault fault, InetSocketAddress client, String from, String to, String messageId) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("stage", fault.stage().name());
    attrs.put("reply", fault.reply());
    attrs.put("client", client == null ? "" : client.getAddress().getHostAddress());
    attrs.put("from", from);
    attrs.put("to", to);
    attrs.put("fault", "reply");
    trace.publish(
        nodeId,
        TraceType.REJECTED,
        messageId,
        "",
        Bilingual.of(
            "障害注入により " + fault.stage().name() + " の段階で " + fault.reply() + " と応答しました",
            "fault injection: answered " + fault.stage().name() + " with " + fault.reply()),
        attrs);
  }
}
