package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.lgwansim.relay.dns.DnsQueries;
import jp.lgwansim.relay.net.Cidr;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim nslookup [-type=MX] NAME [--view lgwan]}: asks the running simulation's DNS (a
 * view's server, found through {@code /api/topology}) and prints the answer the way Windows' {@code
 * nslookup} does in the article's Figure 4, so a trainee can compare the two. When an MX question
 * shows no MX, it adds the article's hint: then DNS is not configured correctly.
 */
@Command(
    name = "nslookup",
    mixinStandardHelpOptions = true,
    description = {
      "シミュレーションの DNS に問い合わせます (図4の nslookup と同じ表示)",
      "Asks the simulation's DNS, printed like nslookup in the article's Figure 4"
    })
final class NslookupCommand implements Callable<Integer> {
  /** Windows nslookup waits 2 s; a loopback server that needs longer is not answering. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final String INDENT = "    ";

  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Option(
      names = {"-type", "--type", "-querytype"},
      defaultValue = "A",
      paramLabel = "TYPE",
      description = "レコードの種類 / record type: A, MX, NS, SOA, CNAME, TXT (default: ${DEFAULT-VALUE})")
  String type;

  @Option(
      names = "--view",
      paramLabel = "NETWORK",
      description = "どのネットワークの DNS に聞くか / which network's DNS view to ask (default: the first)")
  String view;

  @Parameters(index = "0", paramLabel = "NAME", description = "ドメイン名 / domain name")
  String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      return lookup(out);
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }

  private int lookup(PrintWriter out) {
    int qtype = Type.value(type.toUpperCase(Locale.ROOT));
    if (qtype < 0) {
      throw CliFailure.of(
          "レコードの種類 " + type + " はわかりません (A, MX, NS, SOA, CNAME, TXT)",
          "Unknown record type " + type + " (A, MX, NS, SOA, CNAME, TXT)");
    }
    Name qname;
    try {
      qname = Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw CliFailure.of(name + " はドメイン名として正しくありません", name + " is not a valid domain name");
    }
    JsonNode server = server(api.client().get("/api/topology"));
    String viewName = server.path("view").asText();
    String host = server.path("host").asText();
    int port = server.path("port").asInt();
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(Cidr.parseIpv4(host), port));
    resolver.setTimeout(TIMEOUT);

    out.println("Server:  " + viewName + " DNS");
    out.println("Address:  " + host + "#" + port);
    out.println();
    Message response;
    try {
      response =
          DnsQueries.send(resolver, Message.newQuery(Record.newRecord(qname, qtype, DClass.IN)));
    } catch (IOException e) {
      out.println("DNS request timed out.");
      out.println(INDENT + "timeout was " + TIMEOUT.toSeconds() + " seconds.");
      out.println("*** Request to " + viewName + " DNS timed-out");
      out.println(
          "DNS サーバ "
              + host
              + "#"
              + port
              + " が応答しません / The DNS server "
              + host
              + "#"
              + port
              + " does not answer.");
      out.flush();
      return 1;
    }
    int shown = print(out, response, qname, qtype, resolver, viewName);
    if (qtype == Type.MX && shown == 0) {
      out.println();
      out.println(
          "MXレコードが表示されない場合、DNSは正しく構成されていません / No MX record shown: DNS is not configured correctly.");
    }
    out.flush();
    return shown > 0 ? 0 : 1;
  }

  /** The view asked for, or the first; a clear error naming the views that exist. */
  private JsonNode server(JsonNode topology) {
    List<String> views = new ArrayList<>();
    for (JsonNode d : topology.path("dns")) {
      if (view == null || view.equals(d.path("view").asText())) {
        return d;
      }
      views.add(d.path("view").asText());
    }
    if (views.isEmpty()) {
      throw CliFailure.of("このトポロジには DNS サーバがありません", "This topology runs no DNS server");
    }
    throw CliFailure.of(
        "ビュー " + view + " の DNS はありません。あるのは: " + String.join(", ", views),
        "No DNS view " + view + ". There are: " + String.join(", ", views));
  }

  /** Prints the answer; returns how many records of the asked type it showed. */
  private static int print(
      PrintWriter out,
      Message response,
      Name qname,
      int qtype,
      SimpleResolver resolver,
      String server) {
    String shownName = text(qname);
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR) {
      out.println("*** " + server + " DNS can't find " + shownName + ": " + rcodeText(rcode));
      return 0;
    }
    if (!response.getHeader().getFlag(Flags.AA)) {
      out.println("Non-authoritative answer:");
    }
    List<Record> answers = new ArrayList<>(response.getSection(Section.ANSWER));
    answers.sort(Comparator.comparingInt(NslookupCommand::preference));
    int shown = 0;
    List<ARecord> addresses = new ArrayList<>();
    for (Record r : answers) {
      if (r.getType() == qtype) {
        shown++;
      }
      if (r instanceof ARecord) {
        addresses.add((ARecord) r);
      } else {
        out.println(line(r));
      }
    }
    if (!addresses.isEmpty()) {
      out.println("Name:    " + text(addresses.get(0).getName()));
      String label = addresses.size() == 1 ? "Address:  " : "Addresses:  ";
      for (int i = 0; i < addresses.size(); i++) {
        out.println(
            (i == 0 ? label : " ".repeat(label.length()))
                + addresses.get(i).getAddress().getHostAddress());
      }
    }
    if (answers.isEmpty()) {
      for (Record r : response.getSection(Section.AUTHORITY)) {
        if (r instanceof SOARecord) {
          printSoa(out, (SOARecord) r);
        }
      }
      return 0;
    }
    printExchangerAddresses(out, response, answers, resolver);
    return shown;
  }

  /** After the MX lines, the A of each exchanger: from the additional section, else asked. */
  private static void printExchangerAddresses(
      PrintWriter out, Message response, List<Record> answers, SimpleResolver resolver) {
    Set<Name> exchangers = new LinkedHashSet<>();
    for (Record r : answers) {
      if (r instanceof MXRecord && !((MXRecord) r).getTarget().equals(Name.root)) {
        exchangers.add(((MXRecord) r).getTarget());
      }
    }
    if (exchangers.isEmpty()) {
      return;
    }
    out.println();
    for (Name exchanger : exchangers) {
      List<ARecord> found = new ArrayList<>();
      for (Record r : response.getSection(Section.ADDITIONAL)) {
        if (r instanceof ARecord && r.getName().equals(exchanger)) {
          found.add((ARecord) r);
        }
      }
      if (found.isEmpty()) {
        try {
          Message a =
              DnsQueries.send(
                  resolver, Message.newQuery(Record.newRecord(exchanger, Type.A, DClass.IN)));
          for (Record r : a.getSection(Section.ANSWER)) {
            if (r instanceof ARecord) {
              found.add((ARecord) r);
            }
          }
        } catch (IOException e) {
          // Shown as a name without an address, as nslookup does.
        }
      }
      for (ARecord a : found) {
        out.println(
            pad(text(a.getName())) + "internet address = " + a.getAddress().getHostAddress());
      }
    }
  }

  private static String line(Record r) {
    String owner = pad(text(r.getName()));
    if (r instanceof MXRecord) {
      MXRecord mx = (MXRecord) r;
      return owner
          + "MX preference = "
          + mx.getPriority()
          + ", mail exchanger = "
          + (mx.getTarget().equals(Name.root) ? "." : text(mx.getTarget()));
    }
    if (r instanceof CNAMERecord) {
      return owner + "canonical name = " + text(((CNAMERecord) r).getTarget());
    }
    if (r instanceof NSRecord) {
      return owner + "nameserver = " + text(((NSRecord) r).getTarget());
    }
    if (r instanceof TXTRecord) {
      StringBuilder s = new StringBuilder(owner + "text =\n");
      for (String t : ((TXTRecord) r).getStrings()) {
        s.append("\n        \"").append(t).append('"');
      }
      return s.toString();
    }
    if (r instanceof SOARecord) {
      return owner.stripTrailing();
    }
    return owner + Type.string(r.getType()) + " " + r.rdataToString();
  }

  private static void printSoa(PrintWriter out, SOARecord soa) {
    out.println(text(soa.getName()));
    out.println("        primary name server = " + text(soa.getHost()));
    out.println("        responsible mail addr = " + text(soa.getAdmin()));
    out.println("        serial  = " + soa.getSerial());
    out.println("        refresh = " + soa.getRefresh());
    out.println("        retry   = " + soa.getRetry());
    out.println("        expire  = " + soa.getExpire());
    out.println("        default TTL = " + soa.getMinimum());
  }

  private static int preference(Record r) {
    return r instanceof MXRecord ? ((MXRecord) r).getPriority() : 0;
  }

  private static String rcodeText(int rcode) {
    switch (rcode) {
      case Rcode.NXDOMAIN:
        return "Non-existent domain";
      case Rcode.SERVFAIL:
        return "Server failed";
      case Rcode.REFUSED:
        return "Query refused";
      default:
        return Rcode.string(rcode);
    }
  }

  /** Windows aligns the owner in a 16-column field, with at least 4 spaces after long names. */
  private static String pad(String owner) {
    return owner.length() < 12 ? owner + " ".repeat(16 - owner.length()) : owner + INDENT;
  }

  private static String text(Name n) {
    return n.toString(true);
  }
}
