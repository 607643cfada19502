package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table whose columns line up in a terminal even with Japanese in them (a CJK
 * character takes two columns).
 */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(header);
  }

  TextTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  void print(PrintWriter out, String indent) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], width(r[i]));
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        line.append(r[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - width(r[i]) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Terminal columns: East Asian wide characters count two, halfwidth katakana one. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean wide = cp >= 0x2E80 && !(cp >= 0xFF61 && cp <= 0xFF9F);
      w += wide ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }
}
