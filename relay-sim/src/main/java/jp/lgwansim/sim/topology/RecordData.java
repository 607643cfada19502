package jp.lgwansim.sim.topology;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Parses an explicit record's data with dnsjava's zone-file parser, the same one the DNS uses. */
final class RecordData {

  /** The record types a topology may declare (those the simulation's DNS answers). */
  static final Set<String> TYPES = Set.of("A", "MX", "NS", "SOA", "CNAME", "TXT");

  private RecordData() {}

  /**
   * Parses {@code data} as zone-file data of {@code type} for owner {@code name}.
   *
   * @throws IOException with dnsjava's reason when the data does not fit the type
   */
  static Record parse(String name, String type, String data, long ttl) throws IOException {
    Name owner = Name.fromString(DnsNames.normalize(name) + ".");
    int typeCode = Type.value(type.toUpperCase(Locale.ROOT));
    if (typeCode < 0) {
      throw new TextParseException("unknown type " + type);
    }
    return Record.fromString(owner, typeCode, DClass.IN, ttl, data, Name.root);
  }
}
