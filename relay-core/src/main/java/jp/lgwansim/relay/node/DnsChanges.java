package jp.lgwansim.relay.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwansim.relay.dns.DnsView;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Run-time edits of the DNS views, remembered with what each RRset held before its first edit, so
 * that the list of active faults shows them and one call puts a view back as the topology made it.
 */
final class DnsChanges {
  private record Key(String view, Name name, int type) {}

  private final Map<String, DnsView> views;
  private final Map<Key, List<Record>> originals = new LinkedHashMap<>();

  DnsChanges(Map<String, DnsView> views) {
    this.views = views;
  }

  /** The RRset before and after an edit, in zone-file syntax. */
  record Edit(List<String> before, List<String> after) {}

  synchronized Edit add(String view, Record record) {
    return edit(view, record.getName(), record.getRRsetType(), v -> v.addRecord(record));
  }

  synchronized Edit remove(String view, Name name, int type) {
    return edit(view, name, type, v -> v.removeRRset(name, type));
  }

  synchronized Edit replace(String view, Name name, int type, List<Record> records) {
    return edit(view, name, type, v -> v.replaceRRset(name, type, records));
  }

  /**
   * Puts every RRset edited in {@code view} back as it was.
   *
   * @return how many RRsets were restored
   */
  synchronized int revert(String view) {
    DnsView v = view(view);
    int n = 0;
    for (var it = originals.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, List<Record>> e = it.next();
      if (e.getKey().view().equals(view)) {
        v.replaceRRset(e.getKey().name(), e.getKey().type(), e.getValue());
        it.remove();
        n++;
      }
    }
    return n;
  }

  /** Views with edits, in the order of their first edit. */
  synchronized List<String> editedViews() {
    List<String> result = new ArrayList<>();
    originals
        .keySet()
        .forEach(
            k -> {
              if (!result.contains(k.view())) {
                result.add(k.view());
              }
            });
    return result;
  }

  /** Every RRset that differs now from what the topology gave. */
  synchronized List<FaultState.DnsChange> active() {
    List<FaultState.DnsChange> result = new ArrayList<>();
    for (Map.Entry<Key, List<Record>> e : originals.entrySet()) {
      Key k = e.getKey();
      List<Record> now = views.get(k.view()).records(k.name(), k.type());
      if (!new HashSet<>(now).equals(new HashSet<>(e.getValue()))) {
        result.add(
            new FaultState.DnsChange(
                k.view(),
                k.name().toString(),
                Type.string(k.type()),
                text(e.getValue()),
                text(now)));
      }
    }
    return result;
  }

  private Edit edit(String view, Name name, int type, java.util.function.Consumer<DnsView> change) {
    DnsView v = view(view);
    List<Record> before = v.records(name, type);
    change.accept(v);
    originals.putIfAbsent(new Key(view, name, type), before);
    return new Edit(text(before), text(v.records(name, type)));
  }

  private DnsView view(String view) {
    DnsView v = views.get(view);
    if (v == null) {
      throw new IllegalArgumentException(
          "no DNS view " + view + "; views: " + String.join(", ", views.keySet()));
    }
    return v;
  }

  static List<String> text(List<Record> records) {
    // One line each, with single spaces: dnsjava separates fields with tabs.
    return records.stream().map(r -> r.toString().replaceAll("\\s+", " ")).toList();
  }
}
