package jp.lgwansim.sim.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.lgwansim.relay.trace.Bilingual;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of the YAML tree at a known place in the file. It checks its keys against {@link
 * TopologyKeys} (unknown keys, a key written twice) and reads each value as the type its key
 * declares; every problem it meets goes to {@link Problems} with the value's line, and the caller
 * gets an empty Optional instead of a guess.
 */
final class YamlMapping {

  /**
   * A value of the tree with its place.
   *
   * @param node the YAML node
   * @param path concrete key path, e.g. {@code nodes[2]}
   * @param pattern the declared path, e.g. {@code nodes[]}
   */
  record Item(Node node, String path, String pattern) {}

  private final MappingNode node;
  private final String path;
  private final String pattern;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMapping(MappingNode node, String path, String pattern, Problems problems) {
    this.node = node;
    this.path = path;
    this.pattern = pattern;
    this.problems = problems;
  }

  /**
   * Reads {@code item} as a mapping whose keys are declared in {@link TopologyKeys} under {@code
   * item.pattern()}; or, when the user chooses the keys ({@code addresses}, {@code transport}),
   * without checking them.
   */
  static Optional<YamlMapping> of(Item item, Problems problems) {
    problems.place(item.path(), item.node());
    if (!(item.node() instanceof MappingNode mapping)) {
      problems.add(
          item.node(), item.path(), wrongType(KeyType.MAPPING, item.node()), example(item));
      return Optional.empty();
    }
    YamlMapping result = new YamlMapping(mapping, item.path(), item.pattern(), problems);
    result.collectEntries();
    return Optional.of(result);
  }

  private void collectEntries() {
    List<TopologyKey> declared = TopologyKeys.childrenOf(pattern);
    boolean chosenByUser = declared.size() == 1 && declared.get(0).isChosenByUser();
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.add(
            tuple.getKeyNode(),
            path,
            Bilingual.of("キーが文字列ではありません", "a key is not a plain word"),
            Bilingual.of("key: value の形で書いてください", "write key: value"));
        continue;
      }
      String key = keyNode.getValue();
      String childPath = chosenByUser ? path + "[" + key + "]" : join(path, key);
      if (entries.containsKey(key)) {
        int firstLine =
            entries.get(key).getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0);
        problems.add(
            keyNode,
            childPath,
            Bilingual.of(
                "キー「" + key + "」が 2 回あります (最初は " + firstLine + " 行目)",
                "key '" + key + "' appears twice (first on line " + firstLine + ")"),
            Bilingual.of("どちらか一方を消してください", "delete one of them"));
        continue;
      }
      if (!chosenByUser && declared.stream().noneMatch(k -> k.name().equals(key))) {
        problems.add(keyNode, childPath, unknownKey(key), knownKeysFix(key, declared));
        continue;
      }
      entries.put(key, tuple);
      problems.place(childPath, tuple.getValueNode());
    }
  }

  String path() {
    return path;
  }

  MappingNode node() {
    return node;
  }

  /** Concrete path of a declared child key. */
  String pathOf(TopologyKey key) {
    return join(path, key.name());
  }

  /** The entries of a mapping whose keys the user chooses, as (key node, value item). */
  List<Map.Entry<ScalarNode, Item>> userEntries() {
    TopologyKey entryKey = TopologyKeys.childrenOf(pattern).get(0);
    List<Map.Entry<ScalarNode, Item>> result = new ArrayList<>();
    for (NodeTuple tuple : entries.values()) {
      ScalarNode key = (ScalarNode) tuple.getKeyNode();
      result.add(
          Map.entry(
              key,
              new Item(tuple.getValueNode(), path + "[" + key.getValue() + "]", entryKey.path())));
    }
    return result;
  }

  /**
   * The value of {@code key}, if the file gives one. A missing required key is a problem; an
   * explicit empty value ({@code key:} or {@code key: null}) counts as missing.
   */
  Optional<Item> item(TopologyKey key) {
    NodeTuple tuple = entries.get(key.name());
    Node value = tuple == null ? null : tuple.getValueNode();
    if (value == null || (value instanceof ScalarNode s && Tag.NULL.equals(s.getTag()))) {
      if (key.required()) {
        problems.add(
            value != null ? value : node,
            pathOf(key),
            value != null
                ? Bilingual.of("「" + key.name() + "」に値がありません", "'" + key.name() + "' has no value")
                : Bilingual.of(
                    "必須のキー「" + key.name() + "」がありません",
                    "required key '" + key.name() + "' is missing"),
            Bilingual.of(
                key.name()
                    + ": に "
                    + key.type().descriptionJa()
                    + " を書いてください ("
                    + key.docJa()
                    + ")",
                "add "
                    + key.name()
                    + ": with "
                    + key.type().descriptionEn()
                    + " ("
                    + key.docEn()
                    + ")"));
      }
      return Optional.empty();
    }
    return Optional.of(new Item(value, pathOf(key), key.path()));
  }

  /** A scalar value as text (numbers too: a password may be 1234). */
  Optional<String> text(TopologyKey key) {
    return item(key).flatMap(item -> scalar(item, key.type(), problems));
  }

  /** A whole number between {@code min} and {@code max}. */
  Optional<Long> number(TopologyKey key, long min, long max) {
    Optional<Item> item = item(key);
    if (item.isEmpty()) {
      return Optional.empty();
    }
    Node value = item.get().node();
    Optional<Long> parsed = Optional.empty();
    if (value instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
      try {
        parsed = Optional.of(Long.decode(s.getValue().replace("_", "")));
      } catch (NumberFormatException e) {
        parsed = Optional.empty();
      }
    }
    if (parsed.isEmpty()) {
      problems.add(value, item.get().path(), wrongType(key.type(), value), typeFix(key));
      return Optional.empty();
    }
    long n = parsed.get();
    if (n < min || n > max) {
      problems.add(
          value,
          item.get().path(),
          Bilingual.of(
              n + " は範囲外です (" + min + "〜" + max + ")",
              n + " is out of range (" + min + "-" + max + ")"),
          Bilingual.of(
              min + " から " + max + " の値を書いてください (省略すると " + key.defaultText() + ")",
              "write a value from "
                  + min
                  + " to "
                  + max
                  + " (omit it for "
                  + key.defaultText()
                  + ")"));
      return Optional.empty();
    }
    return parsed;
  }

  Optional<YamlMapping> mapping(TopologyKey key) {
    return item(key).flatMap(item -> of(item, problems));
  }

  /** The elements of a list value, each with its path ({@code nodes[2]}). */
  Optional<List<Item>> list(TopologyKey key) {
    return item(key).flatMap(item -> elements(item, problems));
  }

  static Optional<List<Item>> elements(Item item, Problems problems) {
    if (!(item.node() instanceof SequenceNode sequence)) {
      problems.add(item.node(), item.path(), wrongType(KeyType.LIST, item.node()), example(item));
      return Optional.empty();
    }
    List<Item> result = new ArrayList<>();
    List<Node> values = sequence.getValue();
    for (int i = 0; i < values.size(); i++) {
      String elementPath = item.path() + "[" + i + "]";
      problems.place(elementPath, values.get(i));
      result.add(new Item(values.get(i), elementPath, item.pattern() + "[]"));
    }
    return Optional.of(result);
  }

  /** A scalar's text; a mapping or list where a word belongs is a problem. */
  static Optional<String> scalar(Item item, KeyType type, Problems problems) {
    if (item.node() instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
      return Optional.of(s.getValue());
    }
    problems.add(
        item.node(),
        item.path(),
        wrongType(type, item.node()),
        Bilingual.of(type.descriptionJa() + " を 1 つ書いてください", "write " + type.descriptionEn()));
    return Optional.empty();
  }

  static Bilingual wrongType(KeyType expected, Node found) {
    String foundJa;
    String foundEn;
    if (found instanceof MappingNode) {
      foundJa = "マップ";
      foundEn = "a mapping";
    } else if (found instanceof SequenceNode) {
      foundJa = "リスト";
      foundEn = "a list";
    } else if (found instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
      foundJa = "空の値";
      foundEn = "an empty value";
    } else {
      String v = ((ScalarNode) found).getValue();
      foundJa = "「" + v + "」";
      foundEn = "'" + v + "'";
    }
    return Bilingual.of(
        "ここには " + expected.token() + " を書きます (書かれているのは " + foundJa + ")",
        "expected " + expected.token() + " here, found " + foundEn);
  }

  private static Bilingual typeFix(TopologyKey key) {
    return Bilingual.of(
        key.type().descriptionJa() + " を書いてください", "write " + key.type().descriptionEn());
  }

  private static Bilingual example(Item item) {
    Optional<TopologyKey> key = TopologyKeys.at(item.pattern());
    if (key.isPresent()) {
      return typeFix(key.get());
    }
    return Bilingual.of(
        "topologies/README.md の例を見てください", "see the example in topologies/README.md");
  }

  private static Bilingual unknownKey(String key) {
    return Bilingual.of("不明なキー「" + key + "」", "unknown key '" + key + "'");
  }

  /**
   * "Did you mean": a key of the same name further down (smarthost written on the node instead of
   * under delivery), else the sibling with the smallest edit distance when it is close enough to be
   * a typo; always followed by the keys this mapping accepts.
   */
  private Bilingual knownKeysFix(String key, List<TopologyKey> declared) {
    String known = declared.stream().map(TopologyKey::name).collect(Collectors.joining(", "));
    Optional<String> guess =
        TopologyKeys.all().stream()
            .filter(k -> k.path().startsWith(pattern.isEmpty() ? "" : pattern + "."))
            .filter(k -> k.name().equals(key))
            .map(k -> k.path().substring(pattern.isEmpty() ? 0 : pattern.length() + 1))
            .findFirst();
    if (guess.isEmpty()) {
      guess =
          declared.stream()
              .map(TopologyKey::name)
              .min(Comparator.comparingInt(name -> editDistance(key, name)))
              .filter(name -> editDistance(key, name) <= Math.max(2, name.length() / 3));
    }
    String ja = guess.map(g -> "「" + g + "」のことですか? ").orElse("");
    String en = guess.map(g -> "did you mean '" + g + "'? ").orElse("");
    return Bilingual.of(ja + "ここで使えるキー: " + known, en + "keys allowed here: " + known);
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
