package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code lgwan-sim fault list}: the active faults, one line each, Japanese then English. */
final class FaultList {
  private FaultList() {}

  static void print(PrintWriter out, JsonNode f) {
    List<String[]> lines = new ArrayList<>();
    f.path("stoppedNodes")
        .forEach(n -> lines.add(new String[] {n.asText() + " は停止中", n.asText() + " is stopped"}));
    for (JsonNode n : f.path("nodes")) {
      String id = n.path("node").asText();
      for (JsonNode r : n.path("replies")) {
        String stage = r.path("stage").asText().toUpperCase(java.util.Locale.ROOT);
        String reply = r.path("code").asText() + " " + r.path("text").asText();
        double fraction = r.path("fraction").asDouble();
        String share = fraction >= 1 ? "" : " (" + Math.round(fraction * 100) + "%)";
        lines.add(
            new String[] {
              id + " は " + stage + " に " + reply + " と応答" + share,
              id + " answers " + stage + " with " + reply + share
            });
      }
      long ms = n.path("latencyMs").asLong();
      if (ms > 0) {
        lines.add(new String[] {id + " の応答を " + ms + " ミリ秒遅延", id + " replies " + ms + " ms late"});
      }
    }
    for (JsonNode l : f.path("cutLinks")) {
      String id = l.path("node").asText();
      String net = l.path("network").asText();
      lines.add(new String[] {id + " は " + net + " から切断中", id + " is cut off " + net});
    }
    for (JsonNode d : f.path("dnsChanges")) {
      String what = d.path("name").asText() + " " + d.path("type").asText();
      String was = join(d.path("original"));
      String now = join(d.path("current"));
      lines.add(
          new String[] {
            d.path("view").asText() + " のDNS: " + what + " 変更前 [" + was + "] 変更後 [" + now + "]",
            d.path("view").asText() + " DNS: " + what + " was [" + was + "], now [" + now + "]"
          });
    }
    f.path("stoppedDns")
        .forEach(
            v ->
                lines.add(
                    new String[] {
                      v.asText() + " のDNSサーバは停止中", "the " + v.asText() + " DNS server is stopped"
                    }));
    if (lines.isEmpty()) {
      out.println("有効な障害はありません / No active faults");
    }
    for (String[] l : lines) {
      out.println("- " + l[0]);
      out.println("  " + l[1]);
    }
    out.flush();
  }

  private static String join(JsonNode list) {
    List<String> parts = new ArrayList<>();
    list.forEach(x -> parts.add(x.asText().replace('\t', ' ')));
    return String.join("; ", parts);
  }
}
