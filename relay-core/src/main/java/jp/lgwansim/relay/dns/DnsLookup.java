package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.relay.trace.TraceBus;
import jp.lgwansim.relay.trace.TraceType;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A node's stub resolver for one DNS view: asks the view's server one question, traces the question
 * and the answer, and returns a {@link DnsAnswer}. No cache, no search path, no hosts file: every
 * question really goes to the simulated DNS, so a trainee sees each one and a changed record takes
 * effect at once.
 */
public final class DnsLookup {
  /**
   * Long enough for a loaded laptop, short enough that a stopped DNS server defers mail quickly.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final String view;
  private final InetSocketAddress server;
  private final SimpleResolver resolver;
  private final TraceBus trace;
  private final String nodeId;
  private final BooleanSupplier linkUp;

  /**
   * @param view the network name whose view is asked
   * @param server where the view's server listens (real socket)
   * @param localAddress the node's own address on that network, the source of its questions
   */
  public DnsLookup(
      String view,
      InetSocketAddress server,
      InetAddress localAddress,
      Duration timeout,
      TraceBus trace,
      String nodeId) {
    this(view, server, localAddress, timeout, trace, nodeId, () -> true);
  }

  /**
   * A resolver whose questions fail at once while {@code linkUp} is false: the node's link to the
   * view's network is cut, so no packet could reach the server (a real stub resolver would time
   * out; saying so at once keeps a cut-link exercise quick).
   */
  public DnsLookup(
      String view,
      InetSocketAddress server,
      InetAddress localAddress,
      Duration timeout,
      TraceBus trace,
      String nodeId,
      BooleanSupplier linkUp) {
    this.linkUp = linkUp;
    this.view = view;
    this.server = server;
    this.trace = trace;
    this.nodeId = nodeId;
    this.resolver = new SimpleResolver(server);
    resolver.setTimeout(timeout);
    resolver.setLocalAddress(localAddress);
  }

  public String view() {
    return view;
  }

  /** Asks for the records of {@code type} at {@code name}; traced under the given message. */
  public DnsAnswer lookup(String name, int type, String messageId, String queueId) {
    String typeName = Type.string(type);
    Map<String, String> query =
        Map.of("query", name, "qtype", typeName, "view", view, "server", hostPort(server));
    trace.publish(
        nodeId,
        TraceType.DNS_QUERY,
        messageId,
        queueId,
        Bilingual.of(
            view + "のDNSに " + name + " の" + typeName + "レコードを問い合わせ",
            "asked " + view + " DNS for the " + typeName + " record of " + name),
        query);
    DnsAnswer answer = ask(name, type);
    String rcode;
    String text;
    if (answer instanceof DnsAnswer.Found f) {
      rcode = "NOERROR";
      text = f.records().stream().map(Record::toString).collect(Collectors.joining("; "));
    } else if (answer instanceof DnsAnswer.NoSuchDomain) {
      rcode = "NXDOMAIN";
      text = "";
    } else if (answer instanceof DnsAnswer.NoData) {
      rcode = "NOERROR";
      text = "";
    } else {
      String reason = ((DnsAnswer.TemporaryFailure) answer).reason();
      rcode = reason.startsWith("TIMEOUT") ? "TIMEOUT" : "SERVFAIL";
      text = reason;
    }
    Map<String, String> attributes = new java.util.HashMap<>(query);
    attributes.put("rcode", rcode);
    attributes.put("answer", text);
    trace.publish(
        nodeId,
        TraceType.DNS_ANSWER,
        messageId,
        queueId,
        describe(name, typeName, answer, text),
        attributes);
    return answer;
  }

  private DnsAnswer ask(String name, int type) {
    Name qname;
    try {
      qname = Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      return new DnsAnswer.NoSuchDomain();
    }
    if (!linkUp.getAsBoolean()) {
      return new DnsAnswer.TemporaryFailure(
          "TIMEOUT: no route to "
              + hostPort(server)
              + " (this node's link to network "
              + view
              + " is cut)");
    }
    Message response;
    try {
      response =
          DnsQueries.send(resolver, Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
    } catch (IOException e) {
      return new DnsAnswer.TemporaryFailure(
          "TIMEOUT: no answer from " + hostPort(server) + " (" + e.getMessage() + ")");
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return new DnsAnswer.NoSuchDomain();
    }
    if (rcode != Rcode.NOERROR) {
      return new DnsAnswer.TemporaryFailure(Rcode.string(rcode) + " from " + hostPort(server));
    }
    List<Record> records = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        records.add(r);
      }
    }
    return records.isEmpty() ? new DnsAnswer.NoData() : new DnsAnswer.Found(records);
  }

  private Bilingual describe(String name, String type, DnsAnswer answer, String text) {
    if (answer instanceof DnsAnswer.Found) {
      return Bilingual.of(view + "のDNSの回答: " + text, view + " DNS answered: " + text);
    }
    if (answer instanceof DnsAnswer.NoSuchDomain) {
      return Bilingual.of(
          view + "のDNSの回答: " + name + " は存在しません (NXDOMAIN)",
          view + " DNS answered: " + name + " does not exist (NXDOMAIN)");
    }
    if (answer instanceof DnsAnswer.NoData) {
      return Bilingual.of(
          view + "のDNSの回答: " + name + " に" + type + "レコードはありません",
          view + " DNS answered: " + name + " has no " + type + " record");
    }
    return Bilingual.of(
        view + "のDNSから回答が得られません: " + text, "no answer from " + view + " DNS: " + text);
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
