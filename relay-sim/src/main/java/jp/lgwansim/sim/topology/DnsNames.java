package jp.lgwansim.sim.topology;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shape of names in a topology file: host names, record owners, ids. */
final class DnsNames {

  /** RFC 1123 host name label: letters, digits, inner hyphens, 1 to 63 characters. */
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  /** A record owner may also hold service labels ({@code _dmarc}) and a leading wildcard. */
  private static final Pattern OWNER_LABEL =
      Pattern.compile("\\*|_?[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?");

  /** Node ids and network names: used in key paths, URLs and CLI arguments. */
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private DnsNames() {}

  /** Lower case without the final dot: the form names are compared and stored in. */
  static String normalize(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return n.toLowerCase(Locale.ROOT);
  }

  static boolean isHostName(String name) {
    return matchesLabels(normalize(name), HOST_LABEL);
  }

  static boolean isRecordOwner(String name) {
    return matchesLabels(normalize(name), OWNER_LABEL);
  }

  static boolean isSimpleName(String name) {
    return SIMPLE_NAME.matcher(name).matches();
  }

  private static boolean matchesLabels(String name, Pattern label) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!label.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }
}
