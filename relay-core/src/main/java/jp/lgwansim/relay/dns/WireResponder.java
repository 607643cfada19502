package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns the bytes of one request into the bytes of its response: parsing, EDNS and truncation, the
 * part of answering that depends on the transport. {@link DnsView} decides what the answer says;
 * this class decides how much of it fits. Shared by the UDP and TCP sides of {@link DnsServer}.
 *
 * <p>Garbage never throws: fewer bytes than a header, or a message with QR set (a response, perhaps
 * reflected at us), are dropped; anything else that does not parse gets FORMERR with the request's
 * ID so the client stops waiting.
 */
final class WireResponder {
  /**
   * The largest UDP answer we send, and the size we advertise in EDNS: 1232 bytes, the value of DNS
   * Flag Day 2020, which avoids IP fragmentation. Loopback would carry more, but dig and real
   * resolvers behave this way, and a trainee should see TC and a TCP retry where they would.
   */
  static final int MAX_UDP_PAYLOAD = 1232;

  /** The UDP limit of a client without EDNS (RFC 1035 §4.2.1). */
  static final int CLASSIC_UDP_PAYLOAD = 512;

  /** The TC flag in the third byte of a header (RFC 1035 §4.1.1). */
  private static final int TC_BIT = 0x02;

  private static final Logger log = LoggerFactory.getLogger(WireResponder.class);

  /** The response and what to tell a listener about it. */
  record Reply(byte[] wire, DnsExchange exchange) {}

  private final DnsView view;

  WireResponder(DnsView view) {
    this.view = view;
  }

  /**
   * The response to the first {@code length} bytes of {@code request}, or empty when the request
   * should be dropped unanswered.
   */
  Optional<Reply> respond(
      byte[] request, int length, InetSocketAddress client, DnsExchange.Transport transport) {
    if (length < Header.LENGTH) {
      log.debug(
          "view {}: dropped {} bytes from {}: shorter than a header", view.name(), length, client);
      return Optional.empty();
    }
    byte[] bytes = Arrays.copyOf(request, length);
    Message query;
    try {
      query = new Message(bytes);
    } catch (IOException | RuntimeException e) {
      log.debug("view {}: unparsable query from {}: {}", view.name(), client, e.toString());
      return formatError(bytes, client, transport);
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      log.debug("view {}: dropped a response sent to us by {}", view.name(), client);
      return Optional.empty();
    }
    OPTRecord clientOpt = query.getOPT();
    Message response;
    if (clientOpt != null && clientOpt.getVersion() > 0) {
      response = badVersion(query); // RFC 6891 §6.1.3: we speak EDNS version 0 only
    } else {
      response = view.answer(query);
      if (clientOpt != null) {
        response.addRecord(new OPTRecord(MAX_UDP_PAYLOAD, 0, 0), Section.ADDITIONAL);
      }
    }
    int limit =
        transport == DnsExchange.Transport.TCP
            ? Message.MAXLENGTH
            : udpLimit(clientOpt == null ? CLASSIC_UDP_PAYLOAD : clientOpt.getPayloadSize());
    byte[] wire = response.toWire(limit);
    // toWire sets TC itself when the answer or authority section did not fit; read it back.
    boolean truncated = (wire[2] & TC_BIT) != 0;
    Record question = query.getQuestion();
    return Optional.of(
        new Reply(
            wire,
            new DnsExchange(
                view.name(),
                client,
                transport,
                question == null ? Name.empty : question.getName(),
                question == null ? 0 : question.getType(),
                response.getRcode(),
                truncated)));
  }

  private static int udpLimit(int advertised) {
    return Math.max(CLASSIC_UDP_PAYLOAD, Math.min(advertised, MAX_UDP_PAYLOAD));
  }

  private Optional<Reply> formatError(
      byte[] bytes, InetSocketAddress client, DnsExchange.Transport transport) {
    Header requestHeader;
    try {
      requestHeader = new Header(Arrays.copyOf(bytes, Header.LENGTH));
    } catch (IOException e) {
      return Optional.empty(); // twelve bytes always make a header; kept for the checked exception
    }
    if (requestHeader.getFlag(Flags.QR)) {
      return Optional.empty();
    }
    Message response = new Message(requestHeader.getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setOpcode(requestHeader.getOpcode());
    response.getHeader().setRcode(Rcode.FORMERR);
    return Optional.of(
        new Reply(
            response.toWire(),
            new DnsExchange(view.name(), client, transport, Name.empty, 0, Rcode.FORMERR, false)));
  }

  private static Message badVersion(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    response.getHeader().setRcode(Rcode.BADVERS & 0xF);
    response.addRecord(new OPTRecord(MAX_UDP_PAYLOAD, Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
    return response;
  }
}
