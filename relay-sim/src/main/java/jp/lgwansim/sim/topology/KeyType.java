package jp.lgwansim.sim.topology;

import java.util.Arrays;
import java.util.stream.Collectors;
import jp.lgwansim.relay.topology.NodeRole;

/**
 * The kinds of value a topology key takes. The reference table prints {@link #token()} and its
 * legend prints the two descriptions, so the words a user reads in an error match the reference.
 */
public enum KeyType {
  NAME("name", "英数字・-・_ の名前 (例: city-a)", "letters, digits, - and _ (e.g. city-a)"),
  TEXT("text", "自由な文字列", "any text"),
  MAPPING("mapping", "キー: 値 の組 (YAML マップ)", "a YAML mapping of key: value"),
  LIST("list", "YAML のリスト (- で始まる行、または [a, b])", "a YAML list (- lines or [a, b])"),
  CIDR(
      "cidr",
      "127.0.0.0/8 の中のアドレス範囲 (例: 127.10.0.0/16)",
      "an address range inside 127.0.0.0/8 (e.g. 127.10.0.0/16)"),
  IPV4(
      "ipv4",
      "ネットワークの範囲内の IPv4 アドレス (例: 127.10.1.1)",
      "an IPv4 address inside the network's range (e.g. 127.10.1.1)"),
  PORT("port", "ポート番号 1〜65535", "a port number 1-65535"),
  SECONDS("seconds", "秒数 (整数)", "a number of seconds (integer)"),
  DURATION(
      "duration",
      "Postfix と同じ時間の書き方: 数字に s (秒)、m (分)、h (時間)、d (日)、w (週)。単位なしは秒 (例: 30s, 5m)",
      "a time as Postfix writes it: a number with s, m, h, d or w; no unit = seconds (e.g. 30s, 5m)"),
  COUNT("count", "1 以上の整数", "a whole number, 1 or more"),
  DNS_NAME(
      "dns-name",
      "DNS 名 (英数字と - のラベルを . でつなぐ、例: mail.city-a.lg.jp)",
      "a DNS name (labels of letters, digits and - joined by dots, e.g. mail.city-a.lg.jp)"),
  DNS_NAME_LIST("list of dns-name", "DNS 名のリスト", "a list of DNS names"),
  NETWORK_LIST("list of name", "networks[].name で宣言したネットワーク名のリスト", "a list of networks[].name"),
  CIDR_LIST(
      "list of cidr", "アドレス範囲のリスト (例: [127.20.4.0/24])", "a list of ranges (e.g. [127.20.4.0/24])"),
  NAME_LIST("list of id", "nodes[].id で宣言したノード ID のリスト", "a list of nodes[].id"),
  EMAIL("email", "メールアドレス (例: taro@city-a.lg.jp)", "a mail address (e.g. taro@city-a.lg.jp)"),
  NEXT_HOP(
      "next-hop",
      "host (MX を引く)、[host] (MX を引かない)、host:port、[host]:port",
      "host (MX lookup), [host] (no MX lookup), host:port, [host]:port"),
  ROLE("role", "次のどれか: " + roles(), "one of: " + roles()),
  NETWORK_KIND(
      "kind",
      "lan (庁内LAN)、lgwan、gss (政府共通ネットワーク)、internet のどれか",
      "one of lan (a government's LAN), lgwan, gss (government common network), internet"),
  DOMAIN_LIST(
      "list of domain",
      "ドメインのリスト。. で始めるとそのサブドメインすべて (例: [.lg.jp])",
      "a list of domains; a leading dot means every subdomain (e.g. [.lg.jp])"),
  DELIVERY_MODE(
      "mode",
      "mx (MX配送方式) または static (Static配送方式)",
      "mx (MX delivery) or static (Static delivery)"),
  RECORD_TYPE(
      "record-type", "A, MX, NS, SOA, CNAME, TXT のどれか", "one of A, MX, NS, SOA, CNAME, TXT"),
  FILE("file", "トポロジファイルのフォルダからの相対パス", "a path relative to the topology file's folder"),
  DATE("date", "日付 YYYY-MM-DD (例: 2004-04-01)", "a date YYYY-MM-DD (e.g. 2004-04-01)");

  private final String token;
  private final String descriptionJa;
  private final String descriptionEn;

  KeyType(String token, String descriptionJa, String descriptionEn) {
    this.token = token;
    this.descriptionJa = descriptionJa;
    this.descriptionEn = descriptionEn;
  }

  /** The short name used in the reference table and in "expected ..." messages. */
  public String token() {
    return token;
  }

  public String descriptionJa() {
    return descriptionJa;
  }

  public String descriptionEn() {
    return descriptionEn;
  }

  /** The valid role names, as written in files. */
  static String roles() {
    return Arrays.stream(NodeRole.values())
        .map(NodeRole::yamlName)
        .collect(Collectors.joining(", "));
  }
}
