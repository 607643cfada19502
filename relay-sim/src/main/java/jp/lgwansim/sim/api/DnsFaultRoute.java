package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS faults of one view:
 *
 * <pre>
 * POST   /api/dns/{view}/records   {"name","type","data","ttl"?}   adds a record
 * PUT    /api/dns/{view}/records   {"name","type","data":".."|[..],"ttl"?}  replaces the RRset
 * DELETE /api/dns/{view}/records?name=..&amp;type=..               removes the RRset
 * DELETE /api/dns/{view}/changes                                  puts every change back
 * POST   /api/dns/{view}/stop, /start                             the view's DNS server
 * </pre>
 *
 * Names are absolute whether or not they end with a dot; data is in zone-file syntax.
 */
final class DnsFaultRoute implements ApiRoute {
  static final String EXAMPLE =
      "{\"name\":\"town-b.lg.jp\",\"type\":\"MX\",\"data\":\"10 mail.town-b.lg.jp.\",\"ttl\":300}";

  private final SimulationHandle sim;
  private final ApiIo io;
  private final Targets targets;

  DnsFaultRoute(SimulationHandle sim, ApiIo io, Targets targets) {
    this.sim = sim;
    this.io = io;
    this.targets = targets;
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    Optional<List<String>> s = ApiIo.segments(path, "/api/dns/");
    if (s.isEmpty() || s.get().size() != 2) {
      return false;
    }
    String what = s.get().get(1);
    switch (what) {
      case "records":
        records(exchange, targets.view(s.get().get(0)));
        return true;
      case "changes":
        ApiIo.requireMethod(exchange, "DELETE");
        String view = targets.view(s.get().get(0));
        int n = sim.control().revertDns(view);
        io.done(
            exchange,
            Bilingual.of(
                view + " のDNSのレコードを元に戻しました (" + n + " 件)",
                "Restored the records of the " + view + " DNS (" + n + " RRsets)"));
        return true;
      case "stop":
      case "start":
        ApiIo.requireMethod(exchange, "POST");
        server(exchange, targets.view(s.get().get(0)), what.equals("stop"));
        return true;
      default:
        return false;
    }
  }

  private void server(HttpExchange exchange, String view, boolean stop)
      throws ApiException, IOException {
    if (stop) {
      sim.control().stopDns(view);
      io.done(
          exchange,
          Bilingual.of(
              view + " のDNSサーバを停止しました。問い合わせはタイムアウトします",
              "Stopped the " + view + " DNS server: questions to it time out"));
      return;
    }
    try {
      sim.control().startDns(view);
    } catch (IOException e) {
      throw new ApiException(
          503,
          Bilingual.of(
              view + " のDNSサーバを起動できません: " + e.getMessage(),
              "Cannot start the " + view + " DNS server: " + e.getMessage()),
          e);
    }
    io.done(
        exchange,
        Bilingual.of(view + " のDNSサーバを起動しました", "Started the " + view + " DNS server again"));
  }

  private void records(HttpExchange exchange, String view) throws ApiException, IOException {
    String method = ApiIo.requireMethod(exchange, "POST", "PUT", "DELETE");
    try {
      if (method.equals("DELETE")) {
        Map<String, String> q = ApiIo.query(exchange);
        Name name = name(q.getOrDefault("name", ""));
        int type = type(q.getOrDefault("type", ""));
        sim.control().removeDnsRecords(view, name, type);
        io.done(
            exchange,
            Bilingual.of(
                view + " のDNSから " + name + " の" + Type.string(type) + "レコードを削除しました",
                "Removed the "
                    + Type.string(type)
                    + " records of "
                    + name
                    + " from the "
                    + view
                    + " DNS"));
        return;
      }
      JsonNode body = io.readObject(exchange, EXAMPLE);
      Name name = name(body.path("name").asText(""));
      int type = type(body.path("type").asText(""));
      long ttl = ttl(body);
      List<Record> records = new ArrayList<>();
      JsonNode data = body.path("data");
      if (data.isArray()) {
        for (JsonNode d : data) {
          records.add(record(name, type, ttl, d.asText("")));
        }
      } else if (data.isTextual()) {
        records.add(record(name, type, ttl, data.asText()));
      } else {
        throw ApiException.badRequest(
            "\"data\" にレコードの内容を書いてください: " + EXAMPLE, "Give the record's \"data\": " + EXAMPLE);
      }
      if (method.equals("POST")) {
        if (records.size() != 1) {
          throw ApiException.badRequest(
              "POST で追加できるのは1件です。まとめて置き換えるには PUT を使ってください",
              "POST adds one record; use PUT to replace the RRset with several");
        }
        sim.control().addDnsRecord(view, records.get(0));
      } else {
        sim.control().replaceDnsRecords(view, name, type, records);
      }
      String list =
          String.join(
              "; ", records.stream().map(r -> r.toString().replaceAll("\\s+", " ")).toList());
      io.done(
          exchange,
          method.equals("POST")
              ? Bilingual.of(
                  view + " のDNSにレコードを追加しました: " + list, "Added to the " + view + " DNS: " + list)
              : Bilingual.of(
                  view + " のDNSで " + name + " の" + Type.string(type) + "レコードを置き換えました: " + list,
                  "Replaced the "
                      + Type.string(type)
                      + " records of "
                      + name
                      + " in the "
                      + view
                      + " DNS with: "
                      + list));
    } catch (IllegalArgumentException e) {
      // The view refused it: a name in none of its zones, an apex SOA or NS, ...
      throw new ApiException(
          400,
          Bilingual.of(
              "DNS レコードを変更できません: " + e.getMessage(),
              "Cannot change the records: " + e.getMessage()),
          e);
    }
  }

  private static Name name(String text) throws ApiException {
    if (text.isBlank()) {
      throw ApiException.badRequest(
          "\"name\" (レコードの名前) を指定してください。例: town-b.lg.jp",
          "Give \"name\", the record's owner name, e.g. town-b.lg.jp");
    }
    try {
      return Name.fromString(text.strip(), Name.root);
    } catch (TextParseException e) {
      throw ApiException.badRequest(
          "名前 " + text + " は DNS の名前として正しくありません: " + e.getMessage(),
          "Name " + text + " is not a valid DNS name: " + e.getMessage());
    }
  }

  private static int type(String text) throws ApiException {
    int type = Type.value(text.strip());
    if (type < 0 || text.isBlank()) {
      throw ApiException.badRequest(
          "\"type\" はレコードの型 (A, MX, NS, CNAME, TXT ...) にしてください: " + text,
          "\"type\" must be a record type (A, MX, NS, CNAME, TXT ...): " + text);
    }
    return type;
  }

  private static long ttl(JsonNode body) throws ApiException {
    if (!body.has("ttl")) {
      return Defaults.DNS_TTL_SECONDS;
    }
    JsonNode ttl = body.get("ttl");
    if (!ttl.isIntegralNumber() || ttl.asLong() < 0 || ttl.asLong() > 2_147_483_647L) {
      throw ApiException.badRequest(
          "\"ttl\" は 0 以上の秒数にしてください: " + ttl, "\"ttl\" must be seconds, 0 or more: " + ttl);
    }
    return ttl.asLong();
  }

  private static Record record(Name name, int type, long ttl, String data) throws ApiException {
    try {
      return Record.fromString(name, type, DClass.IN, ttl, data, Name.root);
    } catch (IOException | RuntimeException e) {
      throw ApiException.badRequest(
          Type.string(type) + " レコードの内容 \"" + data + "\" を読めません: " + e.getMessage(),
          "Cannot read \"" + data + "\" as " + Type.string(type) + " data: " + e.getMessage());
    }
  }
}
