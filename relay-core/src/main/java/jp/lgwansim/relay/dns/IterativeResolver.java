package jp.lgwansim.relay.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The iterative half of a public resolver, as RFC 1034 §5.3.3 describes it: starting from a
 * referral out of the resolving view's own zones (the root, {@code jp} and {@code lg.jp} as the
 * registry delegates them), it asks the name servers the referral names, at the addresses its glue
 * gives, and follows further referrals until a server answers authoritatively.
 *
 * <p>This is what makes registry mistakes real: a stale glue address reaches nobody (or another
 * server), a name server that does not answer authoritatively for the zone is a lame delegation,
 * and when no listed server answers, the client gets SERVFAIL, so mail defers as it would on the
 * Internet. Every question asked is reported to a listener so a trace can show where it broke.
 *
 * <p>No cache: a fixed registration or zone takes effect at once, which a training simulation wants
 * more than speed. One question per server, no retries: on loopback a missing listener is an
 * immediate "port unreachable", and a silent one costs {@link #timeout} once.
 */
public final class IterativeResolver implements ReferralFollower {
  /** Referrals followed for one question; real resolvers stop near this depth too. */
  static final int MAX_REFERRALS = 10;

  /** Nesting of "find the address of a name server without glue" and of CNAME chasing. */
  static final int MAX_DEPTH = 4;

  /** One question asked of one server, and what came of it. */
  public record Step(
      Name name, int type, Name server, InetSocketAddress address, Outcome outcome, String detail) {
    public String typeName() {
      return Type.string(type);
    }
  }

  /** What one server did with one question. */
  public enum Outcome {
    /** It answered authoritatively (records, NODATA or NXDOMAIN). */
    ANSWER,
    /** It referred to servers of a zone further down. */
    REFERRAL,
    /** It answered, but not as an authority for the zone: a lame delegation. */
    LAME,
    /** Nothing answered at that address. */
    NO_ANSWER
  }

  private final Function<Message, Message> top;
  private final int port;
  private final InetAddress localAddress;
  private final Duration timeout;
  private final Consumer<Step> listener;

  /**
   * @param top the resolving view's own authoritative answer ({@link
   *     DnsView#answerAuthoritatively}): where every resolution starts
   * @param port the port every authoritative server listens on (glue carries no port)
   * @param localAddress the source address of the questions (the resolver's own)
   * @param timeout how long one server may take to answer
   * @param listener told of every question asked; must be quick
   */
  public IterativeResolver(
      Function<Message, Message> top,
      int port,
      InetAddress localAddress,
      Duration timeout,
      Consumer<Step> listener) {
    this.top = top;
    this.port = port;
    this.localAddress = localAddress;
    this.timeout = timeout;
    this.listener = listener;
  }

  @Override
  public Message follow(Message query, Message referral) {
    Record question = query.getQuestion();
    Message result = iterate(question.getName(), question.getType(), referral, 0);
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RD);
    response.getHeader().setFlag(Flags.RA);
    response.addRecord(question, Section.QUESTION);
    if (result == null) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response;
    }
    response.getHeader().setRcode(result.getRcode());
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record r : result.getSection(section)) {
        if (section == Section.ANSWER || r.getType() == Type.SOA) {
          response.addRecord(r, section);
        }
      }
    }
    return response;
  }

  /** The final authoritative response for a question, or null when resolution failed. */
  private Message resolve(Name name, int type, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    Message start = top.apply(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    return DnsView.isReferral(start) ? iterate(name, type, start, depth) : start;
  }

  private Message iterate(Name name, int type, Message referral, int depth) {
    Message current = referral;
    for (int hop = 0; hop < MAX_REFERRALS; hop++) {
      Name zone = zoneOf(current);
      Message next = null;
      for (Map.Entry<Name, List<InetAddress>> server : servers(current, depth).entrySet()) {
        for (InetAddress address : server.getValue()) {
          InetSocketAddress target = new InetSocketAddress(address, port);
          Message response;
          try {
            response = ask(target, name, type);
          } catch (IOException e) {
            report(name, type, server.getKey(), target, Outcome.NO_ANSWER, describe(e));
            continue;
          }
          if (response.getRcode() == Rcode.NXDOMAIN
              || response.getRcode() == Rcode.NOERROR && response.getHeader().getFlag(Flags.AA)) {
            report(name, type, server.getKey(), target, Outcome.ANSWER, summary(response));
            return chaseAlias(response, name, type, depth);
          }
          if (DnsView.isReferral(response)
              && zoneOf(response).subdomain(zone)
              && !zoneOf(response).equals(zone)) {
            report(name, type, server.getKey(), target, Outcome.REFERRAL, "→ " + zoneOf(response));
            next = response;
            break;
          }
          report(
              name,
              type,
              server.getKey(),
              target,
              Outcome.LAME,
              Rcode.string(response.getRcode())
                  + (response.getHeader().getFlag(Flags.AA)
                      ? ""
                      : ", not authoritative for " + zone));
        }
        if (next != null) {
          break;
        }
      }
      if (next == null) {
        return null;
      }
      current = next;
    }
    return null;
  }

  /** A CNAME whose target the authority did not include is resolved from the top again. */
  private Message chaseAlias(Message response, Name name, int type, int depth) {
    List<Record> answers = response.getSection(Section.ANSWER);
    if (type == Type.CNAME || answers.stream().anyMatch(r -> r.getType() == type)) {
      return response;
    }
    Name target = null;
    for (Record r : answers) {
      if (r instanceof CNAMERecord) {
        target = ((CNAMERecord) r).getTarget();
      }
    }
    if (target == null) {
      return response;
    }
    Message rest = resolve(target, type, depth + 1);
    if (rest == null) {
      return null;
    }
    Message merged = new Message();
    merged.getHeader().setRcode(rest.getRcode());
    answers.forEach(r -> merged.addRecord(r, Section.ANSWER));
    rest.getSection(Section.ANSWER).forEach(r -> merged.addRecord(r, Section.ANSWER));
    rest.getSection(Section.AUTHORITY).forEach(r -> merged.addRecord(r, Section.AUTHORITY));
    return merged;
  }

  /** Name servers of a referral with their addresses: glue first, else resolved from the top. */
  private Map<Name, List<InetAddress>> servers(Message referral, int depth) {
    Map<Name, List<InetAddress>> servers = new LinkedHashMap<>();
    for (Record r : referral.getSection(Section.AUTHORITY)) {
      if (r instanceof NSRecord) {
        servers.put(((NSRecord) r).getTarget(), new ArrayList<>());
      }
    }
    for (Record r : referral.getSection(Section.ADDITIONAL)) {
      if (r instanceof ARecord && servers.containsKey(r.getName())) {
        servers.get(r.getName()).add(((ARecord) r).getAddress());
      }
    }
    for (Map.Entry<Name, List<InetAddress>> e : servers.entrySet()) {
      if (e.getValue().isEmpty()) {
        Message found = resolve(e.getKey(), Type.A, depth + 1);
        if (found != null) {
          for (Record r : found.getSection(Section.ANSWER)) {
            if (r instanceof ARecord) {
              e.getValue().add(((ARecord) r).getAddress());
            }
          }
        }
      }
    }
    return servers;
  }

  private static Name zoneOf(Message referral) {
    for (Record r : referral.getSection(Section.AUTHORITY)) {
      if (r.getType() == Type.NS) {
        return r.getName();
      }
    }
    return Name.root;
  }

  /** One question without RD over UDP, retried over TCP when the answer is truncated. */
  private Message ask(InetSocketAddress server, Name name, int type) throws IOException {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    byte[] wire = query.toWire();
    int millis = (int) timeout.toMillis();
    Message response;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(localAddress, 0))) {
      // Connected, so that a closed port on loopback fails at once (ICMP port unreachable).
      socket.connect(server);
      socket.setSoTimeout(millis);
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = new byte[65_535];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      do {
        socket.receive(packet);
        response = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
      } while (response.getHeader().getID() != query.getHeader().getID());
    }
    if (!response.getHeader().getFlag(Flags.TC)) {
      return response;
    }
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return new Message(answer);
    }
  }

  private void report(
      Name name, int type, Name server, InetSocketAddress address, Outcome outcome, String detail) {
    try {
      listener.accept(new Step(name, type, server, address, outcome, detail));
    } catch (RuntimeException e) {
      // A broken listener must not change the answer; the resolution goes on.
    }
  }

  private static String summary(Message response) {
    if (response.getRcode() == Rcode.NXDOMAIN) {
      return "NXDOMAIN";
    }
    List<Record> answers = response.getSection(Section.ANSWER);
    return answers.isEmpty()
        ? "NODATA"
        : String.join(
            "; ", answers.stream().map(r -> r.toString().replaceAll("\\s+", " ")).toList());
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.PortUnreachableException) {
      return "port unreachable: no DNS server listens there";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "timeout: no answer";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
