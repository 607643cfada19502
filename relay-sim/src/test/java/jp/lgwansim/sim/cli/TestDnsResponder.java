package jp.lgwansim.sim.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import jp.lgwansim.relay.net.Cidr;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * A tiny authoritative UDP DNS server for the nslookup tests (the simulation's own server lives in
 * another branch): zone {@code jp.} with B町's MX pointing at the LGWAN relay, A records, NXDOMAIN
 * and NODATA with the SOA. No glue in the additional section, so nslookup must ask for the
 * exchanger's A itself.
 */
final class TestDnsResponder implements AutoCloseable {
  private final DatagramSocket socket;
  private final Zone zone;
  private final Thread thread;

  TestDnsResponder() throws IOException {
    Name origin = Name.fromConstantString("jp.");
    long ttl = 300;
    Name ns = Name.fromConstantString("ns.lgwan.jp.");
    zone =
        new Zone(
            origin,
            new Record[] {
              new SOARecord(
                  origin,
                  DClass.IN,
                  ttl,
                  ns,
                  Name.fromConstantString("hostmaster.lgwan.jp."),
                  1,
                  3600,
                  600,
                  86400,
                  ttl),
              new NSRecord(origin, DClass.IN, ttl, ns),
              new ARecord(ns, DClass.IN, ttl, Cidr.parseIpv4("127.10.0.53")),
              new MXRecord(
                  Name.fromConstantString("town-b.lg.jp."),
                  DClass.IN,
                  ttl,
                  10,
                  Name.fromConstantString("relay.lgwan.jp.")),
              new ARecord(
                  Name.fromConstantString("relay.lgwan.jp."),
                  DClass.IN,
                  ttl,
                  Cidr.parseIpv4("127.10.0.10")),
              new ARecord(
                  Name.fromConstantString("city-a.lg.jp."),
                  DClass.IN,
                  ttl,
                  Cidr.parseIpv4("127.10.0.2"))
            });
    socket = new DatagramSocket(new InetSocketAddress(Cidr.parseIpv4("127.0.0.1"), 0));
    thread = new Thread(this::serve, "test-dns");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
        Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
        byte[] out = answer(query).toWire(512);
        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // A malformed query: ignore it, as a server would.
      }
    }
  }

  private Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    SetResponse found = zone.findRecords(question.getName(), question.getType());
    if (found.isSuccessful()) {
      for (RRset set : found.answers()) {
        for (Record r : set.rrs()) {
          response.addRecord(r, Section.ANSWER);
        }
      }
    } else {
      if (found.isNXDOMAIN()) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      response.addRecord(zone.getSOA(), Section.AUTHORITY);
    }
    return response;
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
