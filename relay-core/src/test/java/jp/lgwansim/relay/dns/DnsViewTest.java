package jp.lgwansim.relay.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers to odd questions, and edits while questions are being answered. */
class DnsViewTest {
  private final DnsView view = compiledLgwan();

  @Test
  void answer_copiesIdAndRecursionDesired() throws Exception {
    Message query = DnsTestClient.query("town-b.lg.jp", Type.MX);
    query.getHeader().setFlag(Flags.RD);

    Message response = view.answer(query);

    assertEquals(query.getHeader().getID(), response.getHeader().getID());
    assertTrue(response.getHeader().getFlag(Flags.QR));
    assertTrue(response.getHeader().getFlag(Flags.RD));
    assertFalse(response.getHeader().getFlag(Flags.RA), "we never recurse");
  }

  @Test
  void answer_otherOpcodeIsNotImplemented() throws Exception {
    Message notify = DnsTestClient.query("town-b.lg.jp", Type.SOA);
    notify.getHeader().setOpcode(Opcode.NOTIFY);

    assertEquals(Rcode.NOTIMP, view.answer(notify).getRcode());
  }

  @Test
  void answer_queryWithoutQuestionIsFormatError() {
    assertEquals(Rcode.FORMERR, view.answer(new Message()).getRcode());
  }

  @Test
  void answer_zoneTransferIsNotImplemented() throws Exception {
    assertEquals(Rcode.NOTIMP, view.answer(DnsTestClient.query(".", Type.AXFR)).getRcode());
  }

  @Test
  void answer_chaosClassIsRefused() throws Exception {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));

    assertEquals(Rcode.REFUSED, view.answer(query).getRcode());
  }

  @Test
  void answer_any_returnsEveryRRsetOfTheName() throws Exception {
    Message response = view.answer(DnsTestClient.query(".", Type.ANY));

    List<Integer> types =
        response.getSection(Section.ANSWER).stream().map(Record::getType).distinct().toList();
    assertTrue(types.containsAll(List.of(Type.SOA, Type.NS)), types.toString());
  }

  @Test
  void replaceRRset_whileQueried_neverShowsAHalfMadeChange() throws Exception {
    Name domain = Name.fromString("town-b.lg.jp.");
    List<Record> viaRelay =
        List.of(new MXRecord(domain, DClass.IN, 300, 10, Name.fromString("relay.lgwan.jp.")));
    List<Record> direct =
        List.of(new MXRecord(domain, DClass.IN, 300, 10, Name.fromString("mail.town-b.lg.jp.")));
    int rounds = 2_000;
    ExecutorService editor = Executors.newSingleThreadExecutor();
    try {
      Future<?> edits =
          editor.submit(
              () -> {
                for (int i = 0; i < rounds; i++) {
                  view.replaceRRset(domain, Type.MX, i % 2 == 0 ? viaRelay : direct);
                }
              });
      for (int i = 0; i < rounds; i++) {
        Message response = view.answer(DnsTestClient.query("town-b.lg.jp", Type.MX));
        assertEquals(Rcode.NOERROR, response.getRcode());
        assertEquals(1, response.getSection(Section.ANSWER).size(), response.toString());
        assertEquals(1, response.getSection(Section.ADDITIONAL).size(), "target address");
      }
      edits.get();
    } finally {
      editor.shutdownNow();
    }
  }

  @Test
  void replaceRRset_afterTheOnlyRecordOfANameWithNamesBelowWasRemoved_putsItBack()
      throws Exception {
    // town-b.lg.jp. keeps mail.town-b.lg.jp. below it: without its MX it is an empty
    // non-terminal, which dnsjava 3.7.1 cannot add records to without help.
    Name domain = Name.fromString("town-b.lg.jp.");
    List<Record> original = view.records(domain, Type.MX);
    assertFalse(original.isEmpty());
    view.removeRRset(domain, Type.MX);
    assertTrue(view.records(domain, Type.MX).isEmpty());

    view.replaceRRset(domain, Type.MX, original);
    assertEquals(original, view.records(domain, Type.MX));
    view.removeRRset(domain, Type.MX);
    view.addRecord(original.get(0));
    Message response = view.answer(DnsTestClient.query("town-b.lg.jp", Type.MX));
    assertEquals(1, response.getSection(Section.ANSWER).size(), response.toString());
  }

  private static DnsView compiledLgwan() {
    try {
      return DnsViewCompiler.compile(TestTopologies.figure1(List.of())).get("lgwan");
    } catch (DnsCompileException e) {
      throw new AssertionError(e);
    }
  }
}
