package jp.lgwansim.sim.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwansim.relay.topology.Defaults;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkKind;
import jp.lgwansim.relay.topology.QueueSettings;

/**
 * Every key of the topology format, declared once: its place, type, default (with unit) and one
 * line of documentation in Japanese and English. Postfix's {@code postconf -d} is the model.
 *
 * <p>The loader asks this registry which keys a mapping may hold (anything else is an unknown key,
 * with the closest known key suggested) and takes every default from here; {@link
 * TopologyReference} prints the table in {@code topologies/README.md} from the same list, so the
 * reference cannot drift from what the loader accepts. Defaults that relay-core also needs come
 * from {@link Defaults}.
 */
public final class TopologyKeys {

  private static final List<TopologyKey> ALL = new ArrayList<>();

  // --- the file -----------------------------------------------------------------------------

  public static final TopologyKey NAME =
      required(
          "name",
          KeyType.NAME,
          "トポロジの短い名前。CLI と API に表示される",
          "Short name of the topology, shown by the CLI and the API");
  public static final TopologyKey DESCRIPTION =
      optional(
          "description",
          KeyType.TEXT,
          "",
          "人が読む説明 (何を見せるトポロジか)",
          "A paragraph for people: what this topology shows");

  // --- networks -----------------------------------------------------------------------------

  public static final TopologyKey NETWORKS =
      required(
          "networks",
          KeyType.LIST,
          "ネットワーク (ループバック上のアドレス範囲) の一覧。1 つ以上",
          "The networks (address ranges on loopback); at least one");
  public static final TopologyKey NETWORK_NAME =
      required(
          "networks[].name",
          KeyType.NAME,
          "ネットワーク名。addresses と views で参照する (例: lgwan)",
          "Network name, referred to by addresses and views (e.g. lgwan)");
  public static final TopologyKey NETWORK_LABEL =
      derived(
          "networks[].label",
          KeyType.TEXT,
          "(= name)",
          "人が読む名前 (例: LGWAN、政府共通ネットワーク)",
          "Human name (e.g. LGWAN, 政府共通ネットワーク)");
  public static final TopologyKey NETWORK_CIDR =
      required(
          "networks[].cidr",
          KeyType.CIDR,
          "このネットワークのアドレス範囲。他のネットワークと重ならないこと",
          "Its address range; must not overlap another network's");
  public static final TopologyKey NETWORK_KIND =
      optional(
          "networks[].kind",
          KeyType.NETWORK_KIND,
          NetworkKind.LGWAN.yamlName(),
          "ネットワークの種類。internet のクライアントは中継できず、自治体間・府省とのメールが internet を通ると違反",
          "What the network is; Internet clients may not relay, and mail between governments"
              + " whose route crosses the Internet is a violation");
  public static final TopologyKey NETWORK_DNS =
      derived(
          "networks[].dns",
          KeyType.MAPPING,
          "(none)",
          "このネットワークの DNS ビューを提供するサーバ。省略するとビューなし",
          "The server of this network's DNS view; omitted = no view");
  public static final TopologyKey NETWORK_DNS_ADDRESS =
      required(
          "networks[].dns.address",
          KeyType.IPV4,
          "DNS サーバのアドレス (ネットワークの範囲内、他と重複しない)",
          "The DNS server's address (inside the range, used by nothing else)");
  public static final TopologyKey NETWORK_DNS_PORT =
      optional(
          "networks[].dns.port",
          KeyType.PORT,
          Defaults.DNS_PORT,
          "DNS サーバの UDP/TCP ポート (dig には -p で渡す)",
          "The DNS server's UDP/TCP port (give it to dig with -p)");

  // --- nodes --------------------------------------------------------------------------------

  public static final TopologyKey NODES =
      required("nodes", KeyType.LIST, "SMTP ノードの一覧。1 つ以上", "The SMTP nodes; at least one");
  public static final TopologyKey NODE_ID =
      required(
          "nodes[].id",
          KeyType.NAME,
          "ノードの ID。CLI と API で使う (例: city-a)",
          "Node id used by the CLI and the API (e.g. city-a)");
  public static final TopologyKey NODE_LABEL =
      derived(
          "nodes[].label",
          KeyType.TEXT,
          "(= id)",
          "人が読む名前 (例: A市メールサーバ)",
          "Human name (e.g. A市メールサーバ)");
  public static final TopologyKey NODE_ROLE =
      required(
          "nodes[].role",
          KeyType.ROLE,
          "図の中での役割 (表示用のラベル。動作はほかのキーで決まる)",
          "What it stands for in the figures (a label; behaviour comes from the other keys)");
  public static final TopologyKey NODE_HOSTNAME =
      required(
          "nodes[].hostname",
          KeyType.DNS_NAME,
          "FQDN。EHLO 名、Received: の名前、導出される A レコードの名前",
          "FQDN: EHLO name, Received: name, and the name of its derived A records");
  public static final TopologyKey NODE_ADDRESSES =
      required(
          "nodes[].addresses",
          KeyType.MAPPING,
          "接続するネットワークごとのアドレス。最初のものが主アドレス",
          "Its address on each network it is attached to; the first is its primary address");
  public static final TopologyKey NODE_ADDRESS =
      required(
          "nodes[].addresses[<network>]",
          KeyType.IPV4,
          "そのネットワーク上のアドレス (範囲内、重複しない)",
          "Its address on that network (inside the range, used by nothing else)");
  public static final TopologyKey NODE_SMTP_PORT =
      optional(
          "nodes[].smtp_port",
          KeyType.PORT,
          Defaults.SMTP_PORT,
          "SMTP の待ち受けポート (すべてのアドレスで同じ)",
          "SMTP listening port (the same on every address)");
  public static final TopologyKey NODE_DELIVERY =
      derived(
          "nodes[].delivery",
          KeyType.MAPPING,
          "{mode: mx}",
          "自ドメイン以外あての配送方法",
          "How it delivers mail for domains that are not its own");
  public static final TopologyKey NODE_DELIVERY_MODE =
      optional(
          "nodes[].delivery.mode",
          KeyType.DELIVERY_MODE,
          DeliveryMode.MX.yamlName(),
          "mx: 宛先ドメインの MX を DNS で引く / static: 常に smarthost へ渡す",
          "mx: look up the recipient domain's MX in DNS / static: always hand to the smarthost");
  public static final TopologyKey NODE_DELIVERY_SMARTHOST =
      derived(
          "nodes[].delivery.smarthost",
          KeyType.NEXT_HOP,
          "(none)",
          "static のときの中継先 (例: \"[smtp.poi.lgwan.jp]\")。static では必須、mx では書かない",
          "The next hop of static delivery (e.g. \"[smtp.poi.lgwan.jp]\"); required for static,"
              + " not allowed for mx");
  public static final TopologyKey NODE_TRANSPORT =
      optional(
          "nodes[].transport",
          KeyType.MAPPING,
          Map.of(),
          "ドメインごとの中継先の上書き (Postfix の transport_maps と同じ考え方)",
          "Per-domain next-hop overrides (as Postfix's transport_maps)");
  public static final TopologyKey NODE_TRANSPORT_ENTRY =
      required(
          "nodes[].transport[<domain>]",
          KeyType.NEXT_HOP,
          "そのドメインあてのメールの中継先",
          "The next hop for mail to that domain");
  public static final TopologyKey NODE_FALLBACK_RELAY =
      derived(
          "nodes[].fallback_relay",
          KeyType.NEXT_HOP,
          "(none)",
          "MX 検索で宛先ドメインが見つからないときの中継先 (Postfix の smtp_fallback_relay)。例:"
              + " インターネットあてを都道府県のセキュリティクラウドへ",
          "Where mail goes when MX lookup does not find its domain (Postfix's"
              + " smtp_fallback_relay), e.g. Internet mail to the prefecture's security cloud");
  public static final TopologyKey NODE_RELAY_DOMAINS =
      optional(
          "nodes[].relay_domains",
          KeyType.DOMAIN_LIST,
          List.of(),
          "インターネット側のクライアントからも受け付けて中継するドメイン (Postfix の relay_domains)。" + "閉域網のクライアントはどこへでも中継できる",
          "Domains it relays for Internet clients too (Postfix's relay_domains); clients of its"
              + " closed networks may relay anywhere");
  public static final TopologyKey NODE_MYNETWORKS =
      optional(
          "nodes[].mynetworks",
          KeyType.CIDR_LIST,
          List.of(),
          "閉域網のほかに、どこへでも中継を許すクライアントのアドレス範囲 (Postfix の mynetworks)。例: ISP の顧客",
          "Client ranges it relays anywhere for, besides its closed networks (Postfix's"
              + " mynetworks), e.g. an ISP's customers");
  public static final TopologyKey NODE_DNS_VIEWS =
      derived(
          "nodes[].dns_views",
          KeyType.NETWORK_LIST,
          "(its networks with dns)",
          "問い合わせる DNS ビューの順番。ゲートウェイは、あるビューの答えが行き止まりか自分自身を指すとき次のビューに聞く",
          "The DNS views it asks, in order; a gateway asks the next view when one answer leads"
              + " nowhere or back to itself");
  public static final TopologyKey NODE_SANITIZE =
      derived(
          "nodes[].sanitize",
          KeyType.MAPPING,
          "(off)",
          "インターネットから来たメールの無害化 (本文をテキストに、添付ファイルを削除して一覧に、注記を追加)",
          "Makes mail from the Internet harmless (無害化): body as plain text, attachments removed"
              + " and listed, a note added");
  public static final TopologyKey NODE_SANITIZE_QUARANTINE =
      required(
          "nodes[].sanitize.quarantine",
          KeyType.EMAIL,
          "無害化する前の元のメールを保管するメールボックス (このノードの mailboxes のどれか)",
          "The mailbox (one of this node's mailboxes) that keeps each original before"
              + " sanitizing");
  public static final TopologyKey NODE_DOMAINS =
      optional(
          "nodes[].domains",
          KeyType.DNS_NAME_LIST,
          List.of(),
          "このノードが最終配送先となるドメイン (MX レコードが導出される)",
          "The domains this node is the final destination for (their MX records are derived)");
  public static final TopologyKey NODE_MAILBOXES =
      optional(
          "nodes[].mailboxes",
          KeyType.LIST,
          List.of(),
          "メールボックス。IMAP/POP3 で読める",
          "Mailboxes, readable over IMAP and POP3");
  public static final TopologyKey MAILBOX_ADDRESS =
      required(
          "nodes[].mailboxes[].address",
          KeyType.EMAIL,
          "メールアドレス (domains のどれかのドメイン)。IMAP/POP3 のログイン名にもなる",
          "The address (in one of the node's domains); also the IMAP/POP3 login");
  public static final TopologyKey MAILBOX_PASSWORD =
      required(
          "nodes[].mailboxes[].password",
          KeyType.TEXT,
          "IMAP/POP3 のパスワード",
          "The IMAP/POP3 password");
  public static final TopologyKey NODE_IMAP_PORT =
      optional(
          "nodes[].imap_port",
          KeyType.PORT,
          Defaults.IMAP_PORT,
          "IMAP のポート (メールボックスがあるときだけ使う)",
          "IMAP port (used only when the node has mailboxes)");
  public static final TopologyKey NODE_POP3_PORT =
      optional(
          "nodes[].pop3_port",
          KeyType.PORT,
          Defaults.POP3_PORT,
          "POP3 のポート (メールボックスがあるときだけ使う)",
          "POP3 port (used only when the node has mailboxes)");

  // --- dns ----------------------------------------------------------------------------------

  public static final TopologyKey DNS =
      derived(
          "dns",
          KeyType.MAPPING,
          "(none)",
          "明示的な DNS レコードとゾーンファイル (ノードから導出されるものに加えて)",
          "Explicit DNS records and zone files (besides those derived from the nodes)");
  public static final TopologyKey DNS_RECORDS =
      optional(
          "dns.records",
          KeyType.LIST,
          List.of(),
          "明示的なレコード。同じ名前と型の導出レコードを置き換える",
          "Explicit records; they replace derived records of the same name and type");
  public static final TopologyKey RECORD_NAME =
      required(
          "dns.records[].name",
          KeyType.DNS_NAME,
          "所有者名 (例: town-b.lg.jp)",
          "Owner name (e.g. town-b.lg.jp)");
  public static final TopologyKey RECORD_TYPE =
      required("dns.records[].type", KeyType.RECORD_TYPE, "レコードの型", "Record type");
  public static final TopologyKey RECORD_DATA =
      required(
          "dns.records[].data",
          KeyType.TEXT,
          "ゾーンファイルの書き方のデータ (例: \"10 relay.lgwan.jp.\")",
          "The data in zone-file syntax (e.g. \"10 relay.lgwan.jp.\")");
  public static final TopologyKey RECORD_VIEWS =
      derived(
          "dns.records[].views",
          KeyType.NETWORK_LIST,
          "[] (every view)",
          "このレコードを持つビュー (ネットワーク名)。空ならすべてのビュー",
          "The views (network names) that hold it; empty = every view");
  public static final TopologyKey RECORD_TTL =
      optional(
          "dns.records[].ttl", KeyType.SECONDS, Defaults.DNS_TTL_SECONDS, "TTL", "Time to live");
  public static final TopologyKey DNS_ZONE_FILES =
      optional(
          "dns.zone_files",
          KeyType.LIST,
          List.of(),
          "取り込む BIND 形式のゾーンファイル",
          "BIND zone files whose records join the views");
  public static final TopologyKey ZONE_FILE =
      required("dns.zone_files[].file", KeyType.FILE, "ゾーンファイルのパス", "Path of the zone file");
  public static final TopologyKey ZONE_ORIGIN =
      required(
          "dns.zone_files[].origin",
          KeyType.DNS_NAME,
          "ゾーンの起点 ($ORIGIN、例: example.lg.jp)",
          "The zone's origin ($ORIGIN, e.g. example.lg.jp)");
  public static final TopologyKey ZONE_VIEWS =
      derived(
          "dns.zone_files[].views",
          KeyType.NETWORK_LIST,
          "[] (every view)",
          "このゾーンを持つビュー (ネットワーク名)。空ならすべてのビュー",
          "The views (network names) that hold it; empty = every view");

  // --- queue (Postfix's names; defaults scaled for training) --------------------------------

  public static final TopologyKey QUEUE =
      derived(
          "queue",
          KeyType.MAPPING,
          "(all defaults)",
          "すべてのノードのキュー・再送・制限の設定 (Postfix の同名パラメータに相当)",
          "Queueing, retry and limits of every node (as Postfix's parameters of the same names)");
  public static final TopologyKey QUEUE_MINIMAL_BACKOFF =
      optional(
          "queue.minimal_backoff_time",
          KeyType.DURATION,
          seconds(QueueSettings.DEFAULTS.minimalBackoffTime()),
          "一時的な失敗の後、最初に再送するまでの時間 (以後倍々に延びる)。Postfix は 300s",
          "Delay before the first retry after a temporary failure, doubling after that (Postfix:"
              + " 300s)");
  public static final TopologyKey QUEUE_MAXIMAL_BACKOFF =
      optional(
          "queue.maximal_backoff_time",
          KeyType.DURATION,
          seconds(QueueSettings.DEFAULTS.maximalBackoffTime()),
          "再送間隔の上限。Postfix は 4000s",
          "Longest delay between retries (Postfix: 4000s)");
  public static final TopologyKey QUEUE_MAXIMAL_LIFETIME =
      optional(
          "queue.maximal_queue_lifetime",
          KeyType.DURATION,
          seconds(QueueSettings.DEFAULTS.maximalQueueLifetime()),
          "これを過ぎても届かないメールはあきらめて送信者にエラー通知 (DSN) を返す。Postfix は 5d",
          "After this long undelivered mail is returned to its sender with a DSN (Postfix: 5d)");
  public static final TopologyKey QUEUE_DELAY_WARNING =
      optional(
          "queue.delay_warning_time",
          KeyType.DURATION,
          seconds(QueueSettings.DEFAULTS.delayWarningTime()),
          "これだけ待ったメールの送信者に「遅延」通知を一度送る。0 なら送らない。Postfix は 0h",
          "Send the sender one \"delayed\" notice once a message has waited this long; 0 = never"
              + " (Postfix: 0h)");
  public static final TopologyKey QUEUE_HOPCOUNT_LIMIT =
      optional(
          "queue.hopcount_limit",
          KeyType.COUNT,
          QueueSettings.DEFAULTS.hopcountLimit(),
          "Received: ヘッダがこの数に達したメールはループとして 554 5.4.6 で拒否。Postfix は 50",
          "A message with this many Received: headers is refused as a loop, 554 5.4.6 (Postfix:"
              + " 50)");
  public static final TopologyKey QUEUE_MESSAGE_SIZE_LIMIT =
      optional(
          "queue.message_size_limit",
          KeyType.COUNT,
          QueueSettings.DEFAULTS.messageSizeLimit(),
          "受け付けるメールの最大バイト数 (超えると 552 5.3.4)。Postfix は 10240000",
          "Largest message accepted, in bytes (larger: 552 5.3.4; Postfix: 10240000)");
  public static final TopologyKey QUEUE_DESTINATION_CONCURRENCY =
      optional(
          "queue.destination_concurrency_limit",
          KeyType.COUNT,
          QueueSettings.DEFAULTS.destinationConcurrencyLimit(),
          "1 つの中継先へ同時に配送する数の上限。Postfix の default_destination_concurrency_limit は 20",
          "Parallel deliveries to one next hop (Postfix default_destination_concurrency_limit:"
              + " 20)");

  // --- samples ------------------------------------------------------------------------------

  public static final TopologyKey SAMPLES =
      optional(
          "samples",
          KeyType.LIST,
          List.of(),
          "このトポロジで見せるメールと、その経路。demo とダッシュボードが送り、テストが経路を確かめる",
          "The mails this topology shows, with their paths: demo and the dashboard send them, a"
              + " test checks each path");
  public static final TopologyKey SAMPLE_FROM =
      required(
          "samples[].from",
          KeyType.EMAIL,
          "送信者。そのドメインを持つノードから送られる",
          "The sender; sent from the node whose domains hold its domain");
  public static final TopologyKey SAMPLE_TO =
      required("samples[].to", KeyType.EMAIL, "宛先", "The recipient");
  public static final TopologyKey SAMPLE_SUBJECT =
      derived("samples[].subject", KeyType.TEXT, "(from → to)", "件名", "The subject");
  public static final TopologyKey SAMPLE_PATH =
      required(
          "samples[].path",
          KeyType.NAME_LIST,
          "通るノードの ID の順番 (最後は宛先のメールボックスのノード)",
          "The node ids it passes, in order (the last holds the recipient's mailbox)");

  // --- registry (article §4-6: JPRS / J-LIS, WHOIS, delegation) ----------------------------

  public static final TopologyKey REGISTRY =
      derived(
          "registry",
          KeyType.MAPPING,
          "(all derived)",
          "ドメイン名の登録情報 (JPRS/J-LIS)、WHOIS、各団体の権威DNSサーバ。省略時はノードの domains から導出",
          "Domain registrations (JPRS/J-LIS), WHOIS and each government's authoritative DNS"
              + " servers; omitted = derived from the nodes' domains");
  public static final TopologyKey REGISTRY_NETWORK =
      derived(
          "registry.network",
          KeyType.NAME,
          "(internet, if it has dns)",
          "委任をたどって名前解決するネットワーク (インターネット)。その DNS はフルリゾルバとして動く",
          "The network whose DNS resolves by following the registry's delegations (the"
              + " Internet); its DNS server acts as a public resolver");
  public static final TopologyKey REGISTRY_WHOIS =
      derived(
          "registry.whois",
          KeyType.MAPPING,
          "(derived)",
          "WHOIS サーバ (RFC 3912) の待ち受け先",
          "Where the WHOIS server (RFC 3912) listens");
  public static final TopologyKey REGISTRY_WHOIS_ADDRESS =
      derived(
          "registry.whois.address",
          KeyType.IPV4,
          "(first free of x.y.0.43, ...)",
          "WHOIS サーバのアドレス。省略時は registry.network (なければ最初のネットワーク) の .0.43 から空きを探す",
          "The WHOIS server's address; omitted = the first free one from .0.43 of"
              + " registry.network (else the first network)");
  public static final TopologyKey REGISTRY_WHOIS_PORT =
      optional(
          "registry.whois.port",
          KeyType.PORT,
          4343,
          "WHOIS の TCP ポート (whois -h ADDRESS -p PORT で問い合わせる)",
          "The WHOIS TCP port (ask with whois -h ADDRESS -p PORT)");
  public static final TopologyKey REGISTRY_DOMAINS =
      optional(
          "registry.domains",
          KeyType.LIST,
          List.of(),
          "登録ドメイン。ノードの domains で書かれていないものは導出される",
          "Registered domains; every node domain not listed here is derived");
  public static final TopologyKey DOMAIN_NAME =
      required(
          "registry.domains[].name",
          KeyType.DNS_NAME,
          "ドメイン名 (例: town-b.lg.jp)",
          "The domain name (e.g. town-b.lg.jp)");
  public static final TopologyKey DOMAIN_REGISTRANT =
      derived(
          "registry.domains[].registrant",
          KeyType.TEXT,
          "(label of the node final for it)",
          "登録者 (組織名、例: B町)",
          "The registrant (organization, e.g. B町)");
  public static final TopologyKey DOMAIN_REGISTRAR =
      derived(
          "registry.domains[].registrar",
          KeyType.TEXT,
          "(J-LIS for *.lg.jp)",
          "取扱事業者。LG.JP は J-LIS だけ、それ以外は JPRS 指定事業者",
          "The registrar: only J-LIS for LG.JP, a JPRS-accredited registrar otherwise");
  public static final TopologyKey DOMAIN_NAME_SERVERS =
      derived(
          "registry.domains[].name_servers",
          KeyType.LIST,
          "(servers that serve it)",
          "登録されているネームサーバ。省略時は registry.servers のうちこのゾーンを持つもの",
          "The registered name servers; omitted = the registry.servers that serve this zone");
  public static final TopologyKey DOMAIN_NS_HOST =
      required(
          "registry.domains[].name_servers[].host",
          KeyType.DNS_NAME,
          "ネームサーバのホスト名 (WHOIS の [ネームサーバ])",
          "The name server's host name (WHOIS [Name Server])");
  public static final TopologyKey DOMAIN_NS_GLUE =
      derived(
          "registry.domains[].name_servers[].glue",
          KeyType.IPV4,
          "(its server's address, if inside the domain)",
          "登録されているグルー (IPアドレス)。ドメイン内のホストだけ。古いままだと名前解決が失敗する",
          "The registered glue address, for hosts inside the domain only; a stale one breaks"
              + " resolution");
  public static final TopologyKey DOMAIN_CREATED =
      optional(
          "registry.domains[].created", KeyType.DATE, "2002-04-01", "登録年月日", "Registration date");
  public static final TopologyKey DOMAIN_UPDATED =
      derived(
          "registry.domains[].updated",
          KeyType.DATE,
          "(= created)",
          "最終更新日",
          "Date of the last change");
  public static final TopologyKey REGISTRY_SERVERS =
      optional(
          "registry.servers",
          KeyType.LIST,
          List.of(),
          "各団体が registry.network 上で実際に動かしている権威DNSサーバ",
          "The authoritative DNS servers each government really runs on registry.network");
  public static final TopologyKey SERVER_HOST =
      required(
          "registry.servers[].host",
          KeyType.DNS_NAME,
          "サーバのホスト名 (例: ns.town-b.lg.jp)",
          "The server's host name (e.g. ns.town-b.lg.jp)");
  public static final TopologyKey SERVER_ADDRESS =
      required(
          "registry.servers[].address",
          KeyType.IPV4,
          "待ち受けアドレス (registry.network の範囲内。ポートはそのネットワークの DNS と同じ)",
          "Its address (inside registry.network's range; the port is that network's DNS port)");
  public static final TopologyKey SERVER_ZONES =
      required(
          "registry.servers[].zones",
          KeyType.DNS_NAME_LIST,
          "権威を持つゾーン (例: [town-b.lg.jp])",
          "The zones it is authoritative for (e.g. [town-b.lg.jp])");

  private TopologyKeys() {}

  /** A duration as Postfix writes it, in the largest unit that divides it: 30m, 60s, 0s. */
  private static String seconds(java.time.Duration d) {
    long s = d.toSeconds();
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s != 0 && s % 60 == 0 && s >= 600) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** Every key, in the order of the reference. */
  public static List<TopologyKey> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The key declared at {@code path} (a pattern such as {@code nodes[].smtp_port}). */
  public static Optional<TopologyKey> at(String path) {
    return ALL.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** The keys a mapping at {@code parentPath} may hold, in declaration order. */
  public static List<TopologyKey> childrenOf(String parentPath) {
    return ALL.stream().filter(k -> k.parent().equals(parentPath)).toList();
  }

  private static TopologyKey required(String path, KeyType type, String docJa, String docEn) {
    return declare(new TopologyKey(path, type, true, null, "(required)", docJa, docEn));
  }

  private static TopologyKey optional(
      String path, KeyType type, Object defaultValue, String docJa, String docEn) {
    return declare(
        new TopologyKey(
            path, type, false, defaultValue, TopologyKey.render(type, defaultValue), docJa, docEn));
  }

  /** An optional key whose absence means something a value cannot show (e.g. "same as id"). */
  private static TopologyKey derived(
      String path, KeyType type, String defaultText, String docJa, String docEn) {
    return declare(new TopologyKey(path, type, false, null, defaultText, docJa, docEn));
  }

  private static TopologyKey declare(TopologyKey key) {
    if (at(key.path()).isPresent()) {
      throw new IllegalStateException("topology key declared twice: " + key.path());
    }
    ALL.add(key);
    return key;
  }
}
