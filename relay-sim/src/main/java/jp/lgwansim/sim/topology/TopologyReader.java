package jp.lgwansim.sim.topology;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.routing.NextHopSpec;
import jp.lgwansim.relay.topology.DeliveryMode;
import jp.lgwansim.relay.topology.NetworkKind;
import jp.lgwansim.relay.topology.NetworkSpec;
import jp.lgwansim.relay.topology.NetworkSpec.DnsServerSpec;
import jp.lgwansim.relay.topology.NodeRole;
import jp.lgwansim.relay.topology.NodeSpec;
import jp.lgwansim.relay.topology.NodeSpec.DeliverySpec;
import jp.lgwansim.relay.topology.NodeSpec.MailboxSpec;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.topology.RecordSpec;
import jp.lgwansim.relay.topology.SampleMail;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.topology.ZoneFileSpec;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.topology.YamlMapping.Item;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;

/**
 * Turns the YAML tree into the model, checking each value on its own and each element against
 * itself (a static node needs a smarthost, a mailbox belongs to one of its node's domains). Rules
 * that compare elements with each other live in {@link TopologyValidator}.
 *
 * <p>An element whose identity cannot be read (a node without a valid hostname, a network without a
 * range) is left out of the model after its problem is recorded; its name is remembered so the
 * validator does not add a second, misleading "no such node" for it. A bad optional value is
 * recorded and replaced by its default only so that reading can go on; the load fails anyway.
 */
final class TopologyReader {

  /**
   * An element of the model and the key paths its parts came from.
   *
   * @param value the element
   * @param path its key path, e.g. {@code nodes[2]}
   * @param parts key paths of its listed parts by their index in the model, e.g. {@code
   *     "domains#0"} → {@code nodes[3].domains[1]} (they differ when an earlier one was unreadable)
   */
  record Placed<T>(T value, String path, Map<String, String> parts) {
    String part(String name) {
      return parts.getOrDefault(name, path);
    }
  }

  /** What was read, ready for the cross-element rules. */
  record Result(
      String name,
      String description,
      List<Placed<NetworkSpec>> networks,
      List<Placed<NodeSpec>> nodes,
      List<Placed<RecordSpec>> records,
      List<Placed<ZoneFileSpec>> zoneFiles,
      QueueSettings queue,
      List<Placed<SampleMail>> samples,
      Set<String> incompleteNetworks,
      Set<String> incompleteHostnames,
      Optional<YamlMapping> registry) {

    Topology topology() {
      return new Topology(
          name,
          description,
          networks.stream().map(Placed::value).toList(),
          nodes.stream().map(Placed::value).toList(),
          records.stream().map(Placed::value).toList(),
          zoneFiles.stream().map(Placed::value).toList(),
          queue,
          samples.stream().map(Placed::value).toList());
    }
  }

  private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
  private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+");
  private static final int MAX_PORT = 65535;

  private final Path folder;
  private final Problems problems;
  private final Set<String> incompleteNetworks = new HashSet<>();
  private final Set<String> incompleteHostnames = new HashSet<>();

  TopologyReader(Path folder, Problems problems) {
    this.folder = folder;
    this.problems = problems;
  }

  Result read(Node root) {
    List<Placed<NetworkSpec>> networks = new ArrayList<>();
    List<Placed<NodeSpec>> nodes = new ArrayList<>();
    List<Placed<RecordSpec>> records = new ArrayList<>();
    List<Placed<ZoneFileSpec>> zoneFiles = new ArrayList<>();
    String name = "";
    String description = TopologyKeys.DESCRIPTION.defaultString();
    QueueSettings queue = QueueSettings.DEFAULTS;
    List<Placed<SampleMail>> samples = new ArrayList<>();
    Optional<YamlMapping> registry = Optional.empty();
    Optional<YamlMapping> top = YamlMapping.of(new Item(root, "", ""), problems);
    if (top.isPresent()) {
      YamlMapping file = top.get();
      name = simpleName(file, TopologyKeys.NAME).orElse("");
      description = file.text(TopologyKeys.DESCRIPTION).orElse(description);
      for (Item item : nonEmptyList(file, TopologyKeys.NETWORKS)) {
        readNetwork(item).ifPresent(networks::add);
      }
      for (Item item : nonEmptyList(file, TopologyKeys.NODES)) {
        readNode(item).ifPresent(nodes::add);
      }
      queue = file.mapping(TopologyKeys.QUEUE).map(this::readQueue).orElse(queue);
      for (Item item : file.list(TopologyKeys.SAMPLES).orElse(List.of())) {
        readSample(item).ifPresent(samples::add);
      }
      registry = file.mapping(TopologyKeys.REGISTRY);
      Optional<YamlMapping> dns = file.mapping(TopologyKeys.DNS);
      if (dns.isPresent()) {
        for (Item item : dns.get().list(TopologyKeys.DNS_RECORDS).orElse(List.of())) {
          readRecord(item).ifPresent(records::add);
        }
        for (Item item : dns.get().list(TopologyKeys.DNS_ZONE_FILES).orElse(List.of())) {
          readZoneFile(item).ifPresent(zoneFiles::add);
        }
      }
    }
    return new Result(
        name,
        description,
        networks,
        nodes,
        records,
        zoneFiles,
        queue,
        samples,
        Set.copyOf(incompleteNetworks),
        Set.copyOf(incompleteHostnames),
        registry);
  }

  // --- samples ------------------------------------------------------------------------------

  private Optional<Placed<SampleMail>> readSample(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<String> from =
        m.text(TopologyKeys.SAMPLE_FROM)
            .flatMap(a -> emailAddress(m.pathOf(TopologyKeys.SAMPLE_FROM), a));
    Optional<String> to =
        m.text(TopologyKeys.SAMPLE_TO)
            .flatMap(a -> emailAddress(m.pathOf(TopologyKeys.SAMPLE_TO), a));
    List<String> path = views(m, TopologyKeys.SAMPLE_PATH);
    if (from.isEmpty() || to.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    String subject = m.text(TopologyKeys.SAMPLE_SUBJECT).orElse(from.get() + " → " + to.get());
    return Optional.of(
        new Placed<>(new SampleMail(from.get(), to.get(), subject, path), item.path(), Map.of()));
  }

  // --- queue --------------------------------------------------------------------------------

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhdw]?)");

  private QueueSettings readQueue(YamlMapping m) {
    QueueSettings d = QueueSettings.DEFAULTS;
    Duration minimal = duration(m, TopologyKeys.QUEUE_MINIMAL_BACKOFF, d.minimalBackoffTime());
    Duration maximal = duration(m, TopologyKeys.QUEUE_MAXIMAL_BACKOFF, d.maximalBackoffTime());
    Duration lifetime = duration(m, TopologyKeys.QUEUE_MAXIMAL_LIFETIME, d.maximalQueueLifetime());
    Duration warning = duration(m, TopologyKeys.QUEUE_DELAY_WARNING, d.delayWarningTime());
    int hops = count(m, TopologyKeys.QUEUE_HOPCOUNT_LIMIT, d.hopcountLimit());
    int size = count(m, TopologyKeys.QUEUE_MESSAGE_SIZE_LIMIT, d.messageSizeLimit());
    int concurrency =
        count(m, TopologyKeys.QUEUE_DESTINATION_CONCURRENCY, d.destinationConcurrencyLimit());
    if (minimal.isZero()) {
      problems.add(
          m.pathOf(TopologyKeys.QUEUE_MINIMAL_BACKOFF),
          Bilingual.of("0 では再送が止まらなくなります", "0 would retry without pause"),
          Bilingual.of("1s 以上を書いてください (例: 5s)", "write 1s or more (e.g. 5s)"));
    }
    if (maximal.compareTo(minimal) < 0) {
      problems.add(
          m.pathOf(TopologyKeys.QUEUE_MAXIMAL_BACKOFF),
          Bilingual.of(
              "maximal_backoff_time が minimal_backoff_time より短くなっています",
              "maximal_backoff_time is shorter than minimal_backoff_time"),
          Bilingual.of(
              minimal.toSeconds() + "s 以上を書いてください", "write " + minimal.toSeconds() + "s or more"));
    }
    return new QueueSettings(minimal, maximal, lifetime, warning, hops, size, concurrency);
  }

  private Duration duration(YamlMapping m, TopologyKey key, Duration fallback) {
    Optional<String> text = m.text(key);
    if (text.isEmpty()) {
      return fallback;
    }
    java.util.regex.Matcher match = DURATION.matcher(text.get().trim());
    if (!match.matches()) {
      problems.add(
          m.pathOf(key),
          Bilingual.of("「" + text.get() + "」は時間として読めません", "'" + text.get() + "' is not a time"),
          Bilingual.of(
              "数字に s、m、h、d、w を付けて書いてください (例: " + key.defaultText() + ")",
              "write a number with s, m, h, d or w (e.g. " + key.defaultText() + ")"));
      return fallback;
    }
    long n = Long.parseLong(match.group(1));
    switch (match.group(2)) {
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      case "w":
        return Duration.ofDays(7 * n);
      default:
        return Duration.ofSeconds(n);
    }
  }

  private int count(YamlMapping m, TopologyKey key, int fallback) {
    return m.number(key, 1, Integer.MAX_VALUE).map(Long::intValue).orElse(fallback);
  }

  // --- networks -----------------------------------------------------------------------------

  private Optional<Placed<NetworkSpec>> readNetwork(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<String> name = simpleName(m, TopologyKeys.NETWORK_NAME);
    String label = m.text(TopologyKeys.NETWORK_LABEL).orElse(name.orElse(""));
    Optional<Cidr> cidr = m.text(TopologyKeys.NETWORK_CIDR).flatMap(t -> cidr(m, t));
    Optional<DnsServerSpec> dns = Optional.empty();
    Optional<YamlMapping> dnsMapping = m.mapping(TopologyKeys.NETWORK_DNS);
    if (dnsMapping.isPresent()) {
      YamlMapping d = dnsMapping.get();
      Optional<Inet4Address> address =
          d.text(TopologyKeys.NETWORK_DNS_ADDRESS)
              .flatMap(t -> ipv4(d.pathOf(TopologyKeys.NETWORK_DNS_ADDRESS), t));
      int port = port(d, TopologyKeys.NETWORK_DNS_PORT);
      if (address.isPresent() && cidr.isPresent() && !cidr.get().contains(address.get())) {
        problems.add(
            d.pathOf(TopologyKeys.NETWORK_DNS_ADDRESS),
            Bilingual.of(
                "DNS サーバのアドレス "
                    + address.get().getHostAddress()
                    + " がネットワークの範囲 "
                    + cidr.get()
                    + " の外です",
                "DNS server address "
                    + address.get().getHostAddress()
                    + " is outside the network's range "
                    + cidr.get()),
            Bilingual.of(
                cidr.get() + " の中のアドレスを書いてください (例: " + example(cidr.get(), 53) + ")",
                "write an address inside "
                    + cidr.get()
                    + " (e.g. "
                    + example(cidr.get(), 53)
                    + ")"));
      }
      dns = address.map(a -> new DnsServerSpec(a, port));
    }
    if (name.isEmpty() || cidr.isEmpty()) {
      name.ifPresent(incompleteNetworks::add);
      return Optional.empty();
    }
    return Optional.of(
        new Placed<>(
            new NetworkSpec(name.get(), label, cidr.get(), dns, kind(m)), item.path(), Map.of()));
  }

  private NetworkKind kind(YamlMapping m) {
    Optional<String> text = m.text(TopologyKeys.NETWORK_KIND);
    if (text.isEmpty()) {
      return NetworkKind.LGWAN;
    }
    Optional<NetworkKind> kind = NetworkKind.fromYaml(text.get());
    if (kind.isEmpty()) {
      problems.add(
          m.pathOf(TopologyKeys.NETWORK_KIND),
          Bilingual.of(
              "ネットワークの種類「" + text.get() + "」はありません", "no network kind '" + text.get() + "'"),
          Bilingual.of(
              KeyType.NETWORK_KIND.descriptionJa() + " を書いてください",
              "write " + KeyType.NETWORK_KIND.descriptionEn()));
    }
    return kind.orElse(NetworkKind.LGWAN);
  }

  private Optional<Cidr> cidr(YamlMapping m, String text) {
    return cidr(m.pathOf(TopologyKeys.NETWORK_CIDR), text);
  }

  private Optional<Cidr> cidr(String key, String text) {
    Cidr cidr;
    try {
      cidr = Cidr.parse(text.trim());
    } catch (IllegalArgumentException e) {
      problems.add(
          key,
          Bilingual.of(
              "「" + text + "」はアドレス範囲 (CIDR) ではありません (" + e.getMessage() + ")",
              "'" + text + "' is not an address range (CIDR): " + e.getMessage()),
          Bilingual.of(
              "a.b.c.d/n の形で、ホスト部を 0 にして書いてください (例: 127.10.0.0/16)",
              "write a.b.c.d/n with the host bits zero (e.g. 127.10.0.0/16)"));
      return Optional.empty();
    }
    if (cidr.prefixLength() < 8 || !LOOPBACK.contains(cidr.base())) {
      problems.add(
          key,
          Bilingual.of(
              cidr + " は 127.0.0.0/8 の外にあります。シミュレータはループバックアドレスだけを使います",
              cidr + " is not inside 127.0.0.0/8; the simulator only ever uses loopback addresses"),
          Bilingual.of(
              "127.0.0.0/8 の中の範囲を書いてください (例: LGWAN 127.10.0.0/16、インターネット 127.20.0.0/16)",
              "write a range inside 127.0.0.0/8 (e.g. LGWAN 127.10.0.0/16, Internet"
                  + " 127.20.0.0/16)"));
      return Optional.empty();
    }
    return Optional.of(cidr);
  }

  // --- nodes --------------------------------------------------------------------------------

  private Optional<Placed<NodeSpec>> readNode(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Map<String, String> parts = new LinkedHashMap<>();
    Optional<String> id = simpleName(m, TopologyKeys.NODE_ID);
    String label = m.text(TopologyKeys.NODE_LABEL).orElse(id.orElse(""));
    Optional<NodeRole> role = m.text(TopologyKeys.NODE_ROLE).flatMap(r -> role(m, r));
    Optional<String> hostname = hostName(m, TopologyKeys.NODE_HOSTNAME);
    Map<String, InetAddress> addresses = addresses(m);
    int smtpPort = port(m, TopologyKeys.NODE_SMTP_PORT);
    Optional<DeliverySpec> delivery = delivery(m);
    Map<String, String> transport = transport(m);
    List<String> domains = new ArrayList<>();
    for (Item d : m.list(TopologyKeys.NODE_DOMAINS).orElse(List.of())) {
      YamlMapping.scalar(d, KeyType.DNS_NAME, problems)
          .flatMap(text -> hostName(d.path(), text))
          .ifPresent(
              domain -> {
                parts.put("domains#" + domains.size(), d.path());
                domains.add(domain);
              });
    }
    List<MailboxSpec> mailboxes = new ArrayList<>();
    for (Item mb : m.list(TopologyKeys.NODE_MAILBOXES).orElse(List.of())) {
      mailbox(mb, domains)
          .ifPresent(
              box -> {
                parts.put("mailboxes#" + mailboxes.size(), mb.path());
                mailboxes.add(box);
              });
    }
    int imapPort = port(m, TopologyKeys.NODE_IMAP_PORT);
    int pop3Port = port(m, TopologyKeys.NODE_POP3_PORT);
    Optional<String> fallback =
        m.text(TopologyKeys.NODE_FALLBACK_RELAY)
            .flatMap(
                t -> nextHop(m.pathOf(TopologyKeys.NODE_FALLBACK_RELAY), t).map(x -> t.trim()));
    List<String> relayDomains = new ArrayList<>();
    for (Item d : m.list(TopologyKeys.NODE_RELAY_DOMAINS).orElse(List.of())) {
      YamlMapping.scalar(d, KeyType.DOMAIN_LIST, problems)
          .flatMap(
              text ->
                  text.startsWith(".")
                      ? hostName(d.path(), text.substring(1)).map(h -> "." + h)
                      : hostName(d.path(), text))
          .ifPresent(relayDomains::add);
    }
    List<String> dnsViews = views(m, TopologyKeys.NODE_DNS_VIEWS);
    List<Cidr> mynetworks = new ArrayList<>();
    for (Item c : m.list(TopologyKeys.NODE_MYNETWORKS).orElse(List.of())) {
      YamlMapping.scalar(c, KeyType.CIDR_LIST, problems)
          .flatMap(text -> cidr(c.path(), text))
          .ifPresent(mynetworks::add);
    }
    Optional<String> quarantine =
        m.mapping(TopologyKeys.NODE_SANITIZE)
            .flatMap(
                s ->
                    s.text(TopologyKeys.NODE_SANITIZE_QUARANTINE)
                        .flatMap(
                            a -> emailAddress(s.pathOf(TopologyKeys.NODE_SANITIZE_QUARANTINE), a)));
    quarantine.ifPresent(
        q -> {
          if (mailboxes.stream().noneMatch(b -> b.address().equalsIgnoreCase(q))) {
            problems.add(
                m.pathOf(TopologyKeys.NODE_SANITIZE) + ".quarantine",
                Bilingual.of(q + " はこのノードのメールボックスではありません", q + " is not a mailbox of this node"),
                Bilingual.of(
                    "mailboxes に " + q + " を加えるか、既存のメールボックスを書いてください",
                    "add " + q + " to mailboxes, or name one of its mailboxes"));
          }
        });
    if (!mailboxes.isEmpty()) {
      samePort(m, TopologyKeys.NODE_IMAP_PORT, imapPort, TopologyKeys.NODE_SMTP_PORT, smtpPort);
      samePort(m, TopologyKeys.NODE_POP3_PORT, pop3Port, TopologyKeys.NODE_SMTP_PORT, smtpPort);
      samePort(m, TopologyKeys.NODE_POP3_PORT, pop3Port, TopologyKeys.NODE_IMAP_PORT, imapPort);
    }
    if (id.isEmpty() || hostname.isEmpty() || addresses.isEmpty()) {
      hostname.ifPresent(incompleteHostnames::add);
      return Optional.empty();
    }
    // A bad role or delivery is already a problem, so this model is never returned; stand-ins
    // keep the node in it so the cross-element rules still check its addresses and domains.
    return Optional.of(
        new Placed<>(
            new NodeSpec(
                id.get(),
                label,
                role.orElse(NodeRole.MUNICIPALITY),
                hostname.get(),
                addresses,
                smtpPort,
                delivery.orElse(new DeliverySpec(DeliveryMode.MX, Optional.empty())),
                transport,
                domains,
                mailboxes,
                imapPort,
                pop3Port,
                relayDomains,
                mynetworks,
                dnsViews,
                fallback,
                quarantine),
            item.path(),
            parts));
  }

  private Optional<NodeRole> role(YamlMapping m, String text) {
    Optional<NodeRole> role = NodeRole.fromYaml(text);
    if (role.isEmpty()) {
      problems.add(
          m.pathOf(TopologyKeys.NODE_ROLE),
          Bilingual.of("不明な役割「" + text + "」", "unknown role '" + text + "'"),
          Bilingual.of("次のどれかを書いてください: " + KeyType.roles(), "write one of: " + KeyType.roles()));
    }
    return role;
  }

  private Map<String, InetAddress> addresses(YamlMapping m) {
    Map<String, InetAddress> addresses = new LinkedHashMap<>();
    Optional<YamlMapping> read = m.mapping(TopologyKeys.NODE_ADDRESSES);
    if (read.isEmpty()) {
      return addresses;
    }
    List<Map.Entry<ScalarNode, Item>> entries = read.get().userEntries();
    if (entries.isEmpty()) {
      problems.add(
          m.pathOf(TopologyKeys.NODE_ADDRESSES),
          Bilingual.of("アドレスが 1 つもありません", "the node has no address"),
          Bilingual.of(
              "ネットワーク名: アドレス を書いてください (例: { lgwan: 127.10.1.1 })",
              "write network-name: address (e.g. { lgwan: 127.10.1.1 })"));
    }
    for (Map.Entry<ScalarNode, Item> e : entries) {
      YamlMapping.scalar(e.getValue(), KeyType.IPV4, problems)
          .flatMap(text -> ipv4(e.getValue().path(), text))
          .ifPresent(a -> addresses.put(e.getKey().getValue(), a));
    }
    return addresses;
  }

  private Optional<DeliverySpec> delivery(YamlMapping m) {
    Optional<YamlMapping> read = m.mapping(TopologyKeys.NODE_DELIVERY);
    if (read.isEmpty()) {
      return Optional.of(new DeliverySpec(DeliveryMode.MX, Optional.empty()));
    }
    YamlMapping d = read.get();
    String modeText =
        d.text(TopologyKeys.NODE_DELIVERY_MODE)
            .orElse(TopologyKeys.NODE_DELIVERY_MODE.defaultString());
    Optional<DeliveryMode> mode =
        java.util.Arrays.stream(DeliveryMode.values())
            .filter(x -> x.yamlName().equals(modeText))
            .findFirst();
    String modeKey = d.pathOf(TopologyKeys.NODE_DELIVERY_MODE);
    String smarthostKey = d.pathOf(TopologyKeys.NODE_DELIVERY_SMARTHOST);
    Optional<String> smarthostText = d.text(TopologyKeys.NODE_DELIVERY_SMARTHOST);
    Optional<String> smarthost =
        smarthostText.flatMap(t -> nextHop(smarthostKey, t)).map(x -> smarthostText.get().trim());
    if (mode.isEmpty()) {
      problems.add(
          modeKey,
          Bilingual.of("不明な配送方式「" + modeText + "」", "unknown delivery mode '" + modeText + "'"),
          Bilingual.of(
              "mx (MX配送方式) か static (Static配送方式) を書いてください",
              "write mx (MX delivery) or static (Static delivery)"));
      return Optional.empty();
    }
    if (mode.get() == DeliveryMode.STATIC && smarthostText.isEmpty()) {
      problems.add(
          modeKey,
          Bilingual.of("static 配送には smarthost が必要です", "static delivery needs a smarthost"),
          Bilingual.of(
              "smarthost: \"[smtp.poi.lgwan.jp]\" のように中継先を書くか、mode: mx にしてください",
              "add smarthost: \"[smtp.poi.lgwan.jp]\" (the next hop), or use mode: mx"));
      return Optional.empty();
    }
    if (mode.get() == DeliveryMode.MX && smarthostText.isPresent()) {
      problems.add(
          smarthostKey,
          Bilingual.of("mx 配送では smarthost は使われません", "mx delivery does not use a smarthost"),
          Bilingual.of(
              "smarthost を消すか、mode: static にしてください",
              "delete smarthost, or set mode: static to always send to it"));
      return Optional.empty();
    }
    if (mode.get() == DeliveryMode.STATIC && smarthost.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeliverySpec(mode.get(), smarthost));
  }

  private Map<String, String> transport(YamlMapping m) {
    Map<String, String> transport = new LinkedHashMap<>();
    Optional<YamlMapping> read = m.mapping(TopologyKeys.NODE_TRANSPORT);
    if (read.isEmpty()) {
      return transport;
    }
    for (Map.Entry<ScalarNode, Item> e : read.get().userEntries()) {
      String path = e.getValue().path();
      Optional<String> domain = hostName(path, e.getKey().getValue());
      Optional<String> hop =
          YamlMapping.scalar(e.getValue(), KeyType.NEXT_HOP, problems)
              .flatMap(t -> nextHop(path, t).map(x -> t.trim()));
      if (domain.isPresent() && hop.isPresent()) {
        transport.put(domain.get(), hop.get());
      }
    }
    return transport;
  }

  private Optional<MailboxSpec> mailbox(Item item, List<String> domains) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    String addressKey = m.pathOf(TopologyKeys.MAILBOX_ADDRESS);
    Optional<String> address =
        m.text(TopologyKeys.MAILBOX_ADDRESS).flatMap(a -> emailAddress(addressKey, a));
    Optional<String> password = m.text(TopologyKeys.MAILBOX_PASSWORD);
    if (password.isPresent() && password.get().isEmpty()) {
      problems.add(
          m.pathOf(TopologyKeys.MAILBOX_PASSWORD),
          Bilingual.of("パスワードが空です", "the password is empty"),
          Bilingual.of(
              "メールクライアントでログインするためのパスワードを書いてください", "write the password a mail client logs in with"));
      password = Optional.empty();
    }
    if (address.isPresent()) {
      String domain = address.get().substring(address.get().indexOf('@') + 1);
      if (!domains.contains(domain)) {
        problems.add(
            addressKey,
            Bilingual.of(
                "メールボックス " + address.get() + " のドメイン " + domain + " はこのノードの domains にありません",
                "mailbox "
                    + address.get()
                    + " is in domain "
                    + domain
                    + ", which is not one of this node's domains"),
            Bilingual.of(
                "domains に " + domain + " を加えるか、" + String.join(", ", domains) + " のアドレスにしてください",
                "add "
                    + domain
                    + " to domains, or use an address in "
                    + (domains.isEmpty() ? "a domain of this node" : String.join(", ", domains))));
        return Optional.empty();
      }
    }
    if (address.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MailboxSpec(address.get(), password.get()));
  }

  private Optional<String> emailAddress(String key, String text) {
    int at = text.lastIndexOf('@');
    if (at > 0
        && LOCAL_PART.matcher(text.substring(0, at)).matches()
        && DnsNames.isHostName(text.substring(at + 1))) {
      return Optional.of(text.substring(0, at) + "@" + DnsNames.normalize(text.substring(at + 1)));
    }
    problems.add(
        key,
        Bilingual.of("「" + text + "」はメールアドレスではありません", "'" + text + "' is not a mail address"),
        Bilingual.of(
            "ローカル部@ドメイン の形で書いてください (例: taro@city-a.lg.jp)",
            "write local-part@domain (e.g. taro@city-a.lg.jp)"));
    return Optional.empty();
  }

  private void samePort(
      YamlMapping m, TopologyKey key, int port, TopologyKey otherKey, int otherPort) {
    if (port == otherPort) {
      problems.add(
          m.pathOf(key),
          Bilingual.of(
              key.name() + " と " + otherKey.name() + " が同じポート " + port + " です",
              key.name() + " and " + otherKey.name() + " are the same port " + port),
          Bilingual.of(
              "別のポートにしてください (既定値: " + key.defaultText() + ")",
              "use another port (default " + key.defaultText() + ")"));
    }
  }

  // --- dns ----------------------------------------------------------------------------------

  private Optional<Placed<RecordSpec>> readRecord(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<String> name = m.text(TopologyKeys.RECORD_NAME).flatMap(n -> recordOwner(m, n));
    Optional<String> type =
        m.text(TopologyKeys.RECORD_TYPE)
            .map(t -> t.toUpperCase(Locale.ROOT))
            .flatMap(
                t -> {
                  if (RecordData.TYPES.contains(t)) {
                    return Optional.of(t);
                  }
                  problems.add(
                      m.pathOf(TopologyKeys.RECORD_TYPE),
                      Bilingual.of(
                          "レコードの型「" + t + "」は使えません", "record type '" + t + "' is not supported"),
                      Bilingual.of(
                          "A, MX, NS, SOA, CNAME, TXT のどれかを書いてください",
                          "write one of A, MX, NS, SOA, CNAME, TXT"));
                  return Optional.empty();
                });
    Optional<String> data = m.text(TopologyKeys.RECORD_DATA);
    long ttl =
        m.number(TopologyKeys.RECORD_TTL, 0, Integer.MAX_VALUE)
            .orElse(TopologyKeys.RECORD_TTL.defaultLong());
    List<String> views = views(m, TopologyKeys.RECORD_VIEWS);
    if (name.isEmpty() || type.isEmpty() || data.isEmpty()) {
      return Optional.empty();
    }
    String dataKey = m.pathOf(TopologyKeys.RECORD_DATA);
    Record parsed;
    try {
      parsed = RecordData.parse(name.get(), type.get(), data.get(), ttl);
    } catch (IOException | RuntimeException e) {
      problems.add(
          dataKey,
          Bilingual.of(
              type.get() + " レコードのデータ「" + data.get() + "」を読めません (" + e.getMessage() + ")",
              "cannot read '" + data.get() + "' as " + type.get() + " data: " + e.getMessage()),
          Bilingual.of(
              "ゾーンファイルと同じ書き方で書いてください (例 A: \"127.10.0.10\"、MX: \"10 relay.lgwan.jp.\")",
              "write it as in a zone file (e.g. A: \"127.10.0.10\", MX: \"10 relay.lgwan.jp.\")"));
      return Optional.empty();
    }
    if (parsed instanceof ARecord a && !LOOPBACK.contains(a.getAddress())) {
      problems.add(
          dataKey,
          Bilingual.of(
              data.get() + " は 127.0.0.0/8 の外です。シミュレータはループバックアドレスだけを使います",
              data.get() + " is not inside 127.0.0.0/8; the simulator only ever uses loopback"),
          Bilingual.of("ネットワークの範囲内のアドレスを書いてください", "write an address inside one of the networks"));
      return Optional.empty();
    }
    return Optional.of(
        new Placed<>(
            new RecordSpec(
                name.get(),
                type.get(),
                data.get().trim(),
                ttl,
                views,
                problems.lineOf(item.path())),
            item.path(),
            Map.of()));
  }

  private Optional<Placed<ZoneFileSpec>> readZoneFile(Item item) {
    Optional<YamlMapping> read = YamlMapping.of(item, problems);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping m = read.get();
    Optional<Path> file =
        m.text(TopologyKeys.ZONE_FILE)
            .flatMap(
                f -> {
                  Path resolved = folder.resolve(f).normalize();
                  if (Files.isRegularFile(resolved)) {
                    return Optional.of(resolved);
                  }
                  problems.add(
                      m.pathOf(TopologyKeys.ZONE_FILE),
                      Bilingual.of(
                          "ゾーンファイル " + resolved + " がありません",
                          "zone file " + resolved + " does not exist"),
                      Bilingual.of(
                          "トポロジファイルのフォルダ (" + folder + ") からの相対パスを書いてください",
                          "write a path relative to the topology file's folder (" + folder + ")"));
                  return Optional.empty();
                });
    Optional<String> origin = hostName(m, TopologyKeys.ZONE_ORIGIN);
    List<String> views = views(m, TopologyKeys.ZONE_VIEWS);
    if (file.isEmpty() || origin.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Placed<>(new ZoneFileSpec(file.get(), origin.get(), views), item.path(), Map.of()));
  }

  private List<String> views(YamlMapping m, TopologyKey key) {
    List<String> views = new ArrayList<>();
    for (Item v : m.list(key).orElse(List.of())) {
      YamlMapping.scalar(v, KeyType.NAME, problems).ifPresent(views::add);
    }
    return views;
  }

  // --- values -------------------------------------------------------------------------------

  private List<Item> nonEmptyList(YamlMapping m, TopologyKey key) {
    Optional<List<Item>> items = m.list(key);
    if (items.isPresent() && items.get().isEmpty()) {
      problems.add(
          m.pathOf(key),
          Bilingual.of(key.name() + " が空です", key.name() + " is empty"),
          Bilingual.of(
              "少なくとも 1 つ書いてください (" + key.docJa() + ")",
              "write at least one (" + key.docEn() + ")"));
    }
    return items.orElse(List.of());
  }

  private Optional<String> simpleName(YamlMapping m, TopologyKey key) {
    return m.text(key)
        .filter(
            name -> {
              if (DnsNames.isSimpleName(name)) {
                return true;
              }
              problems.add(
                  m.pathOf(key),
                  Bilingual.of(
                      "「" + name + "」は名前に使えません (英数字・-・_ だけ)",
                      "'" + name + "' cannot be used as a name (letters, digits, - and _ only)"),
                  Bilingual.of(
                      "英数字で始まり英数字・-・_ だけの名前にしてください (例: city-a)",
                      "start with a letter or digit and use only letters, digits, - and _"
                          + " (e.g. city-a)"));
              return false;
            });
  }

  private Optional<String> hostName(YamlMapping m, TopologyKey key) {
    return m.text(key).flatMap(text -> hostName(m.pathOf(key), text));
  }

  private Optional<String> hostName(String key, String text) {
    if (DnsNames.isHostName(text)) {
      return Optional.of(DnsNames.normalize(text));
    }
    problems.add(
        key,
        Bilingual.of("「" + text + "」は正しい DNS 名ではありません", "'" + text + "' is not a valid DNS name"),
        Bilingual.of(
            "英数字と - のラベル (63 文字まで) を . でつないでください (例: mail.city-a.lg.jp)",
            "join labels of letters, digits and - (up to 63 characters) with dots"
                + " (e.g. mail.city-a.lg.jp)"));
    return Optional.empty();
  }

  private Optional<String> recordOwner(YamlMapping m, String text) {
    if (DnsNames.isRecordOwner(text)) {
      return Optional.of(DnsNames.normalize(text));
    }
    problems.add(
        m.pathOf(TopologyKeys.RECORD_NAME),
        Bilingual.of("「" + text + "」は正しい DNS 名ではありません", "'" + text + "' is not a valid DNS name"),
        Bilingual.of(
            "英数字・-・_ のラベルを . でつないでください (例: town-b.lg.jp)",
            "join labels of letters, digits, - and _ with dots (e.g. town-b.lg.jp)"));
    return Optional.empty();
  }

  private Optional<NextHopSpec> nextHop(String key, String text) {
    Optional<NextHopSpec> hop = NextHops.parse(text);
    if (hop.isEmpty()) {
      problems.add(
          key,
          Bilingual.of("「" + text + "」は中継先として読めません", "'" + text + "' is not a next hop"),
          Bilingual.of(
              "host、[host]、host:port、[host]:port のどれかで書いてください (port は 1〜65535、例:"
                  + " \"[smtp.poi.lgwan.jp]\")",
              "write host, [host], host:port or [host]:port (port 1-65535; e.g."
                  + " \"[smtp.poi.lgwan.jp]\")"));
      return Optional.empty();
    }
    return hop;
  }

  private Optional<Inet4Address> ipv4(String key, String text) {
    Inet4Address address;
    try {
      address = Cidr.parseIpv4(text.trim());
    } catch (IllegalArgumentException e) {
      problems.add(
          key,
          Bilingual.of("「" + text + "」は IPv4 アドレスではありません", "'" + text + "' is not an IPv4 address"),
          Bilingual.of("a.b.c.d の形で書いてください (例: 127.10.1.1)", "write a.b.c.d (e.g. 127.10.1.1)"));
      return Optional.empty();
    }
    if (!LOOPBACK.contains(address)) {
      problems.add(
          key,
          Bilingual.of(
              text + " は 127.0.0.0/8 の外です。シミュレータはループバックアドレスだけを使います",
              text + " is not inside 127.0.0.0/8; the simulator only ever uses loopback addresses"),
          Bilingual.of(
              "ネットワークの範囲内のアドレスを書いてください (例: 127.10.1.1)",
              "write an address inside the network's range (e.g. 127.10.1.1)"));
      return Optional.empty();
    }
    return Optional.of(address);
  }

  private int port(YamlMapping m, TopologyKey key) {
    return m.number(key, 1, MAX_PORT).map(Long::intValue).orElse(key.defaultInt());
  }

  /** An address of the range, for examples in fixes: {@code 127.10.0.53} for host 53. */
  static String example(Cidr cidr, int host) {
    byte[] b = cidr.base().getAddress();
    int base = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    int a = base + host;
    return (a >>> 24) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
  }

  /** Sorted, for messages that list what is known. */
  static String listed(java.util.Collection<String> names) {
    return String.join(", ", new TreeSet<>(names));
  }
}
