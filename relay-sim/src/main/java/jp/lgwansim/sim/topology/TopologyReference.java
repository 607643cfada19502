package jp.lgwansim.sim.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the key reference of {@code topologies/README.md} from {@link TopologyKeys}, the way
 * {@code postconf -d} prints Postfix's parameters from their declarations. Only the part of the
 * README between {@link #BEGIN} and {@link #END} is generated; the intro and the example around it
 * are written by hand.
 */
public final class TopologyReference {

  public static final String BEGIN =
      "<!-- BEGIN KEY REFERENCE: generated from TopologyKeys; do not edit by hand -->";
  public static final String END = "<!-- END KEY REFERENCE -->";

  private TopologyReference() {}

  /** The generated part: one table of keys, then one of value types. */
  public static String generate() {
    StringBuilder out = new StringBuilder();
    out.append("| キー / key | 型 / type | 既定値 / default | 説明 | description |\n");
    out.append("|---|---|---|---|---|\n");
    for (TopologyKey key : TopologyKeys.all()) {
      out.append("| `")
          .append(key.path())
          .append("` | ")
          .append(key.type().token())
          .append(" | ")
          .append(key.required() ? "**(required)**" : "`" + key.defaultText() + "`")
          .append(" | ")
          .append(cell(key.docJa()))
          .append(" | ")
          .append(cell(key.docEn()))
          .append(" |\n");
    }
    out.append("\n");
    out.append("| 型 / type | 書き方 | how to write it |\n");
    out.append("|---|---|---|\n");
    for (KeyType type : KeyType.values()) {
      out.append("| ")
          .append(type.token())
          .append(" | ")
          .append(cell(type.descriptionJa()))
          .append(" | ")
          .append(cell(type.descriptionEn()))
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * {@code readme} with its generated part replaced by {@link #generate()}.
   *
   * @throws IllegalArgumentException when the markers are missing
   */
  public static String updated(String readme) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "README has no " + BEGIN + " ... " + END + " section to generate into");
    }
    return readme.substring(0, begin + BEGIN.length()) + "\n" + generate() + readme.substring(end);
  }

  /** Rewrites the README named by the first argument (default {@code topologies/README.md}). */
  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "topologies/README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Files.writeString(readme, updated(text), StandardCharsets.UTF_8);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
