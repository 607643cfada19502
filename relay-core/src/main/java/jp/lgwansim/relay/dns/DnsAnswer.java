package jp.lgwansim.relay.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * The closed outcome of one DNS question, as a mail router needs it: each kind leads to a different
 * decision (use the records, fall back to the A record, bounce, or try again later).
 */
public sealed interface DnsAnswer {

  /** Records of the asked type (CNAMEs already followed by the server). */
  record Found(List<Record> records) implements DnsAnswer {
    public Found {
      records = List.copyOf(records);
    }
  }

  /** NXDOMAIN: the name does not exist. Permanent. */
  record NoSuchDomain() implements DnsAnswer {}

  /** NOERROR but no record of that type (NODATA). For MX this means "use the A record". */
  record NoData() implements DnsAnswer {}

  /** SERVFAIL, REFUSED, a timeout or no server: try again later. */
  record TemporaryFailure(String reason) implements DnsAnswer {}
}
