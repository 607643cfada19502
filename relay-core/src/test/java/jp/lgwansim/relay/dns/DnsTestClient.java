package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** dnsjava's SimpleResolver pointed at a test server: the only DNS client these tests use. */
final class DnsTestClient {
  private DnsTestClient() {}

  static SimpleResolver resolver(DnsServer server, boolean tcp) {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setIgnoreTruncation(true); // the tests look at TC themselves
    return resolver;
  }

  static Message udp(DnsServer server, String name, int type) throws IOException {
    return resolver(server, false).send(query(name, type));
  }

  static Message tcp(DnsServer server, String name, int type) throws IOException {
    return resolver(server, true).send(query(name, type));
  }

  static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  static String section(Message message, int section) {
    return message.sectionToString(section);
  }

  static InetSocketAddress loopbackAnyPort() {
    return new InetSocketAddress("127.0.0.1", 0);
  }

  static int count(Message message, int section) {
    return message.getSection(section).size();
  }

  static boolean hasAnswers(Message message) {
    return count(message, Section.ANSWER) > 0;
  }
}
