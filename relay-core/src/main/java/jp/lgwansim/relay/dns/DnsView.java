package jp.lgwansim.relay.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * One split-horizon view: what the DNS of one network (e.g. {@code lgwan}) knows, and the answer it
 * gives to a query. LGWAN's DNS and the Internet's DNS answer differently for the same name; each
 * is one view, served by its own {@link DnsServer}.
 *
 * <p>A view is a set of dnsjava {@link Zone}s, at most one per origin. A query is answered from the
 * zone whose origin is the longest suffix of the name, as an authoritative server with several
 * zones does; a name under no zone is REFUSED, since this server is authoritative only and never
 * recurses. The answer follows RFC 1034 §4.3.2 and RFC 2308: AA on authoritative data, CNAME (and
 * DNAME) chains followed inside the view, NXDOMAIN or NODATA with the zone's SOA in AUTHORITY (its
 * TTL capped at the SOA minimum), a referral without AA when a zone has NS records below its apex,
 * addresses of MX, NS and SRV targets in ADDITIONAL. An empty non-terminal (e.g. {@code lg.jp} when
 * only {@code town-b.lg.jp} exists) is NODATA, not NXDOMAIN (dnsjava 3.7's zones keep track of
 * them), so a trainee's nslookup of a parent domain does not claim it does not exist.
 *
 * <p>Records can change at run time (a later issue edits them while a simulation runs). dnsjava's
 * zones mutate RRsets in place, so one read-write lock guards the whole view: queries share the
 * read lock, which they hold only while copying records into the response; edits take the write
 * lock. Wire format, EDNS and truncation are not decided here but in {@link WireResponder}.
 */
public final class DnsView {
  /**
   * How many aliases (CNAME or DNAME) one answer follows. Real chains are one or two long; the
   * limit only stops a loop of aliases from growing an answer until it no longer fits.
   */
  static final int MAX_ALIAS_HOPS = 8;

  private final String name;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Name, Zone> zones = new LinkedHashMap<>();
  private volatile ReferralFollower follower;

  /**
   * A view answering from these zones. The view owns them from now on: change their records only
   * through the view, or queries may read a half-made change.
   *
   * @param name the network whose DNS this is, e.g. {@code lgwan}
   * @throws IllegalArgumentException if two zones have the same origin
   */
  public DnsView(String name, Collection<Zone> zones) {
    this.name = name;
    for (Zone zone : zones) {
      if (this.zones.putIfAbsent(zone.getOrigin(), zone) != null) {
        throw new IllegalArgumentException(
            "two zones with origin " + zone.getOrigin() + " in view " + name);
      }
    }
  }

  /** The network whose DNS this is. */
  public String name() {
    return name;
  }

  /** The origins of the zones of this view, in the order they were given. */
  public List<Name> origins() {
    lock.readLock().lock();
    try {
      return List.copyOf(zones.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The origin of the zone that answers for this name (the longest suffix), if any. */
  public Optional<Name> zoneOf(Name name) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(zoneFor(name)).map(Zone::getOrigin);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The response to one query, as an authoritative server sends it (QR set, ID and RD copied).
   * Never throws for a bad query: it gets FORMERR, NOTIMP or REFUSED instead.
   */
  public Message answer(Message query) {
    Message response = answerAuthoritatively(query);
    ReferralFollower following = follower;
    if (following == null) {
      return response;
    }
    // A resolving server says so (RA), and chases a referral only when the client asked (RD):
    // dig +norec still sees the delegation exactly as the parent zone holds it.
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD) && isReferral(response)) {
      return following.follow(query, response);
    }
    return response;
  }

  /**
   * Makes this view a resolving server: a referral out of its own zones is followed by {@code
   * follower} (e.g. an {@link IterativeResolver}) when the client sets RD, as the Internet's public
   * resolver does, starting from the delegations this view holds. {@code null} makes it
   * authoritative only again.
   */
  public void followReferrals(ReferralFollower follower) {
    this.follower = follower;
  }

  /**
   * True when a response is a referral: no error, not authoritative, no answer, and name servers in
   * AUTHORITY (RFC 1034 §4.3.2 step 3b).
   */
  public static boolean isReferral(Message response) {
    return response.getRcode() == Rcode.NOERROR
        && !response.getHeader().getFlag(Flags.AA)
        && response.getSection(Section.ANSWER).isEmpty()
        && response.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.NS);
  }

  /**
   * Every record stored at {@code domain} or below it, in every zone of the view, delegated names
   * included: used to hand a domain's data to the server that is authoritative for it.
   */
  public List<Record> recordsUnder(Name domain) {
    lock.readLock().lock();
    try {
      List<Record> found = new ArrayList<>();
      for (Zone zone : zones.values()) {
        for (RRset rrset : zone) {
          if (rrset.getName().subdomain(domain)) {
            found.addAll(rrset.rrs(false));
          }
        }
      }
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The answer from this view's own data only, never following a referral: what {@link #answer}
   * returns when the view does not resolve.
   */
  public Message answerAuthoritatively(Message query) {
    Header queryHeader = query.getHeader();
    Message response = new Message(queryHeader.getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    if (queryHeader.getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    header.setOpcode(queryHeader.getOpcode());
    if (queryHeader.getOpcode() != Opcode.QUERY) {
      header.setRcode(Rcode.NOTIMP); // NOTIFY, UPDATE, IQUERY: not a server of that kind
      return response;
    }
    Record question = query.getQuestion();
    if (question == null || queryHeader.getCount(Section.QUESTION) != 1) {
      header.setRcode(Rcode.FORMERR); // RFC 9619: a query has exactly one question
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    int type = question.getType();
    if (type == Type.OPT || type == Type.TSIG || type == Type.TKEY) {
      header.setRcode(Rcode.FORMERR); // pseudo-records are not questions
      return response;
    }
    if (type == Type.AXFR || type == Type.IXFR || type == Type.MAILA || type == Type.MAILB) {
      header.setRcode(Rcode.NOTIMP); // no zone transfers: views are built from the topology
      return response;
    }
    if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
      header.setRcode(Rcode.REFUSED); // CHAOS (version.bind) and friends: not our data
      return response;
    }
    lock.readLock().lock();
    try {
      resolve(question.getName(), type, response);
    } finally {
      lock.readLock().unlock();
    }
    return response;
  }

  /**
   * Adds one record to the zone that holds its name, joining the RRset of its name and type.
   *
   * @throws IllegalArgumentException if no zone of the view holds the name
   */
  public void addRecord(Record record) {
    lock.writeLock().lock();
    try {
      Zone zone = requireZone(record.getName());
      store(zone, () -> zone.addRecord(record), List.of(record));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes one record (same name, type and data); nothing happens if it is not there.
   *
   * @throws IllegalArgumentException for the SOA or the last NS of a zone's apex: a zone cannot
   *     answer without them; replace them instead
   */
  public void removeRecord(Record record) {
    lock.writeLock().lock();
    try {
      Zone zone = zoneFor(record.getName());
      RRset rrset = zone == null ? null : zone.findExactMatch(record.getName(), record.getType());
      if (rrset == null || !rrset.rrs(false).contains(record)) {
        return;
      }
      if (rrset.size() > 1) {
        zone.removeRecord(record);
      } else {
        removeWholeRRset(zone, record.getName(), record.getRRsetType());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes every record of this name and type; nothing happens if there are none.
   *
   * @throws IllegalArgumentException for the SOA or NS of a zone's apex: replace them instead
   */
  public void removeRRset(Name name, int type) {
    lock.writeLock().lock();
    try {
      Zone zone = zoneFor(name);
      if (zone != null && zone.findExactMatch(name, type) != null) {
        removeWholeRRset(zone, name, type);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces every record of this name and type with these, in one step, so no query sees the name
   * without records in between. An empty list removes them.
   *
   * @throws IllegalArgumentException if a record has another name or type, if no zone holds the
   *     name, or if it would leave a zone's apex without exactly one SOA or without NS
   */
  public void replaceRRset(Name name, int type, Collection<? extends Record> records) {
    for (Record r : records) {
      if (!r.getName().equals(name) || r.getRRsetType() != type) {
        throw new IllegalArgumentException(
            r + " is not of " + name + " " + Type.string(type) + ": cannot replace with it");
      }
    }
    lock.writeLock().lock();
    try {
      Zone zone = requireZone(name);
      if (records.isEmpty()) {
        if (zone.findExactMatch(name, type) != null) {
          removeWholeRRset(zone, name, type);
        }
      } else {
        RRset rrset = new RRset(List.<Record>copyOf(records));
        store(zone, () -> zone.addRRset(rrset), rrset.rrs(false)); // replaces the old RRset
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Applies an edit that adds {@code added} to the zone. dnsjava 3.7.1 keeps an empty RRset as the
   * marker of an empty non-terminal (a name with nothing but names below it, e.g. a domain whose
   * only MX was removed while {@code mail.<domain>} remains) and fails with "rrset is empty" when a
   * record is added there; for such a name the zone is rebuilt with the new RRset instead (a zone
   * here is small, and edits are rare).
   */
  private void store(Zone zone, Runnable change, List<Record> added) {
    try {
      change.run();
      return;
    } catch (IllegalStateException e) {
      // The empty marker: dnsjava throws before changing anything, so the zone is intact.
    }
    Set<Name> replaced = new HashSet<>();
    added.forEach(r -> replaced.add(r.getName()));
    List<Record> all = new ArrayList<>();
    for (RRset existing : zone) {
      if (existing.size() == 0) {
        continue; // the marker itself
      }
      boolean sameRRset =
          replaced.contains(existing.getName())
              && added.stream().anyMatch(r -> r.getRRsetType() == existing.getType());
      if (!sameRRset) {
        all.addAll(existing.rrs(false));
        all.addAll(existing.sigs());
      }
    }
    all.addAll(added);
    try {
      zones.put(zone.getOrigin(), new Zone(zone.getOrigin(), all.toArray(new Record[0])));
    } catch (IOException e) {
      throw new IllegalStateException("zone " + zone.getOrigin() + " cannot be rebuilt", e);
    }
  }

  /** The records of this name and type exactly (no alias followed), in stored order. */
  public List<Record> records(Name name, int type) {
    lock.readLock().lock();
    try {
      Zone zone = zoneFor(name);
      RRset rrset = zone == null ? null : zone.findExactMatch(name, type);
      return rrset == null ? List.of() : List.copyOf(rrset.rrs(false));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every RRset stored at exactly this name, whatever its type; used to check a compiled view. */
  List<RRset> rrsets(Name name) {
    lock.readLock().lock();
    try {
      Zone zone = zoneFor(name);
      if (zone == null) {
        return List.of();
      }
      SetResponse found = zone.findRecords(name, Type.ANY);
      return found.isSuccessful() ? List.copyOf(found.answers()) : List.of();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The answer to a question inside the view, as a resolver following no referral would get it:
   * used to check that an MX target has an address.
   */
  SetResponse lookup(Name name, int type) {
    lock.readLock().lock();
    try {
      Zone zone = zoneFor(name);
      return zone == null ? null : zone.findRecords(name, type);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "DnsView[" + name + ", zones=" + origins() + "]";
  }

  private void resolve(Name qname, int type, Message response) {
    Header header = response.getHeader();
    if (zoneFor(qname) == null) {
      header.setRcode(Rcode.REFUSED); // not authoritative, and we never recurse
      return;
    }
    header.setFlag(Flags.AA);
    Name name = qname;
    Set<Name> visited = new HashSet<>();
    for (int hop = 0; hop <= MAX_ALIAS_HOPS && visited.add(name); hop++) {
      Zone zone = zoneFor(name);
      if (zone == null) {
        return; // the alias leads out of this view's data: the client resolves the rest
      }
      SetResponse found = zone.findRecords(name, type);
      if (found.isSuccessful()) {
        for (RRset rrset : found.answers()) {
          addRRset(response, rrset, Section.ANSWER);
          addTargetAddresses(response, rrset);
        }
        return;
      } else if (found.isCNAME()) {
        addRRset(response, zone.findExactMatch(name, Type.CNAME), Section.ANSWER);
        name = found.getCNAME().getTarget();
      } else if (found.isDNAME()) {
        DNAMERecord dname = found.getDNAME();
        addRRset(response, zone.findExactMatch(dname.getName(), Type.DNAME), Section.ANSWER);
        Name target;
        try {
          target = name.fromDNAME(dname);
        } catch (NameTooLongException e) {
          header.setRcode(Rcode.YXDOMAIN); // RFC 6672 §2.2
          return;
        }
        response.addRecord(
            new CNAMERecord(name, DClass.IN, dname.getTTL(), target), Section.ANSWER);
        name = target;
      } else if (found.isDelegation()) {
        if (response.getSection(Section.ANSWER).isEmpty()) {
          header.unsetFlag(Flags.AA); // a referral is not an authoritative answer
        }
        RRset ns = found.getNS();
        addRRset(response, ns, Section.AUTHORITY);
        addGlue(response, zone, ns);
        return;
      } else if (found.isNXDOMAIN()) {
        header.setRcode(Rcode.NXDOMAIN);
        addNegativeSoa(response, zone);
        return;
      } else {
        addNegativeSoa(response, zone); // NODATA: the name exists, the type does not
        return;
      }
    }
  }

  private Zone zoneFor(Name name) {
    for (int strip = 0; strip < name.labels(); strip++) {
      Zone zone = zones.get(strip == 0 ? name : new Name(name, strip));
      if (zone != null) {
        return zone;
      }
    }
    return null;
  }

  private Zone requireZone(Name name) {
    Zone zone = zoneFor(name);
    if (zone == null) {
      throw new IllegalArgumentException(
          name + " is in no zone of view " + name() + " (zones: " + zones.keySet() + ")");
    }
    return zone;
  }

  /**
   * Removes an RRset that exists. dnsjava 3.7 refuses to remove any SOA or NS RRset, even the NS of
   * a delegation below the apex; for those the zone is rebuilt without it (rare, and a zone here is
   * small). The apex's SOA and NS stay: without them the zone could not answer NXDOMAIN or NS.
   */
  private void removeWholeRRset(Zone zone, Name name, int type) {
    boolean apex = name.equals(zone.getOrigin());
    if (apex && (type == Type.SOA || type == Type.NS)) {
      throw new IllegalArgumentException(
          "the "
              + Type.string(type)
              + " of zone "
              + name
              + " cannot be removed: the zone cannot answer without it; replace it instead");
    }
    if (type != Type.SOA && type != Type.NS) {
      zone.removeRRset(name, type);
      return;
    }
    List<Record> kept = new ArrayList<>();
    for (RRset rrset : zone) {
      if (!(rrset.getName().equals(name) && rrset.getType() == type)) {
        kept.addAll(rrset.rrs(false));
        kept.addAll(rrset.sigs());
      }
    }
    try {
      zones.put(zone.getOrigin(), new Zone(zone.getOrigin(), kept.toArray(new Record[0])));
    } catch (IOException e) {
      throw new IllegalStateException("zone " + zone.getOrigin() + " lost its apex", e);
    }
  }

  private static void addRRset(Message response, RRset rrset, int section) {
    if (rrset == null || response.findRRset(rrset.getName(), rrset.getType(), section)) {
      return;
    }
    for (Record r : rrset.rrs()) { // rrs() rotates, as BIND's round robin does
      response.addRecord(r, section);
    }
  }

  /** Addresses of MX, NS and SRV targets, so the client needs no second query (RFC 1035 §3.3). */
  private void addTargetAddresses(Message response, RRset rrset) {
    for (Record r : rrset.rrs(false)) {
      Name target = additionalTarget(r);
      if (target == null) {
        continue;
      }
      Zone zone = zoneFor(target);
      if (zone != null) {
        addAddresses(response, zone, target);
      }
    }
  }

  private static Name additionalTarget(Record r) {
    if (r instanceof MXRecord) {
      return ((MXRecord) r).getTarget();
    } else if (r instanceof NSRecord) {
      return ((NSRecord) r).getTarget();
    } else if (r instanceof SRVRecord) {
      return ((SRVRecord) r).getTarget();
    }
    return null;
  }

  /** Glue: addresses of in-zone name servers of a referral (RFC 9471). */
  private static void addGlue(Message response, Zone zone, RRset ns) {
    for (Record r : ns.rrs(false)) {
      Name target = ((NSRecord) r).getTarget();
      if (target.subdomain(zone.getOrigin())) {
        addAddresses(response, zone, target);
      }
    }
  }

  private static void addAddresses(Message response, Zone zone, Name target) {
    for (int type : new int[] {Type.A, Type.AAAA}) {
      if (!response.findRRset(target, type, Section.ANSWER)) {
        addRRset(response, zone.findExactMatch(target, type), Section.ADDITIONAL);
      }
    }
  }

  /** The zone's SOA with its TTL capped at the SOA minimum: the negative TTL (RFC 2308 §3). */
  private static void addNegativeSoa(Message response, Zone zone) {
    RRset soaSet = zone.findExactMatch(zone.getOrigin(), Type.SOA);
    if (soaSet == null) {
      return;
    }
    SOARecord soa = (SOARecord) soaSet.first();
    response.addRecord(
        new SOARecord(
            soa.getName(),
            soa.getDClass(),
            Math.min(soa.getTTL(), soa.getMinimum()),
            soa.getHost(),
            soa.getAdmin(),
            soa.getSerial(),
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum()),
        Section.AUTHORITY);
  }
}
