package jp.lgwansim.sim.topology;

import java.util.List;
import java.util.Map;

/**
 * One key of the topology format, declared once in {@link TopologyKeys}.
 *
 * @param path where it sits: {@code nodes[].delivery.smarthost}; {@code []} marks a list element,
 *     {@code [<network>]} / {@code [<domain>]} a key the user chooses
 * @param type the kind of value
 * @param required whether the file must give it
 * @param defaultValue the value used when the file omits it: {@code Integer} for ports, {@code
 *     Long} for seconds, {@code String}, an empty list or map; {@code null} when there is none
 * @param defaultText how the reference shows the default, unit included ({@code 300s}); for a
 *     required key {@code (required)}
 * @param docJa one line for people, in Japanese
 * @param docEn the same line in English
 */
public record TopologyKey(
    String path,
    KeyType type,
    boolean required,
    Object defaultValue,
    String defaultText,
    String docJa,
    String docEn) {

  /** The last segment of the path: what the user writes before the colon. */
  public String name() {
    if (isChosenByUser()) {
      return path.substring(path.lastIndexOf("[<") + 1, path.length() - 1);
    }
    int dot = path.lastIndexOf('.');
    String last = dot < 0 ? path : path.substring(dot + 1);
    return last.endsWith("[]") ? last.substring(0, last.length() - 2) : last;
  }

  /** The path of the mapping that holds this key ({@code ""} for the top level). */
  public String parent() {
    if (isChosenByUser()) {
      return path.substring(0, path.lastIndexOf("[<"));
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** True when the user chooses the key's name ({@code <network>}, {@code <domain>}). */
  public boolean isChosenByUser() {
    return path.endsWith(">]");
  }

  int defaultInt() {
    return (Integer) defaultValue;
  }

  long defaultLong() {
    return (Long) defaultValue;
  }

  String defaultString() {
    return (String) defaultValue;
  }

  /** For the reference: how a default of each kind reads, with its unit. */
  static String render(KeyType type, Object value) {
    if (value instanceof List<?> list && list.isEmpty()) {
      return "[]";
    }
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    if (type == KeyType.SECONDS) {
      return value + "s";
    }
    if (value instanceof String s && s.isEmpty()) {
      return "\"\"";
    }
    return String.valueOf(value);
  }
}
