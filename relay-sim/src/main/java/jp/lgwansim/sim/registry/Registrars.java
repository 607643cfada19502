package jp.lgwansim.sim.registry;

import java.util.Locale;

/** Who registers what: J-LIS is the only LG.JP registrar (article §5). */
public final class Registrars {
  /** The only registrar of LG.JP domains (LG.JP取扱事業者). */
  public static final String J_LIS = "地方公共団体情報システム機構 (J-LIS)";

  /** The registrar assumed for other .jp domains when the topology names none. */
  public static final String JPRS_ACCREDITED = "JPRS指定事業者 (JPRS-accredited registrar)";

  private Registrars() {}

  public static boolean isLgJp(String domain) {
    return inside(domain, "lg.jp");
  }

  /** J-LIS for an LG.JP domain, otherwise a JPRS-accredited registrar. */
  public static String defaultFor(String domain) {
    return isLgJp(domain) ? J_LIS : JPRS_ACCREDITED;
  }

  /** True when {@code name} is {@code domain} or below it; case and a final dot do not matter. */
  public static boolean inside(String name, String domain) {
    String n = normalize(name);
    String d = normalize(domain);
    return n.equals(d) || n.endsWith("." + d);
  }

  public static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
