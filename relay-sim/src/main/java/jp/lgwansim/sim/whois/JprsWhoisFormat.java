package jp.lgwansim.sim.whois;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import jp.lgwansim.sim.registry.RegisteredDomain;
import jp.lgwansim.sim.registry.RegisteredNameServer;
import jp.lgwansim.sim.registry.Registrars;
import jp.lgwansim.sim.registry.Registry;

/**
 * Answers a WHOIS query the way JPRS WHOIS lays out an LG.JP (属性型) domain: {@code a. [ドメイン名]},
 * {@code f. [組織名]}, one {@code p. [ネームサーバ]} line per registered name server, dates as {@code
 * YYYY/MM/DD}; with {@code /e} at the end of the query, the English labels ({@code p. [Name
 * Server]}). A host name that is a registered name server gets JPRS's host information with its
 * registered (glue) address. Anything else: {@code No match!!}, as JPRS says it.
 */
public final class JprsWhoisFormat {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private JprsWhoisFormat() {}

  /** The whole response to one query line. */
  public static String answer(Registry registry, String queryLine) {
    String q = queryLine.trim();
    boolean english = q.toLowerCase(Locale.ROOT).endsWith("/e");
    if (english) {
      q = q.substring(0, q.length() - 2).trim();
    }
    if (q.regionMatches(true, 0, "DOM ", 0, 4) || q.regionMatches(true, 0, "HOST ", 0, 5)) {
      q = q.substring(q.indexOf(' ') + 1).trim();
    }
    StringBuilder out = new StringBuilder(header());
    Optional<RegisteredDomain> domain = registry.domain(q);
    if (domain.isPresent()) {
      domain(out, domain.get(), english);
      return out.toString();
    }
    String host = Registrars.normalize(q);
    for (RegisteredDomain d : registry.domains()) {
      for (RegisteredNameServer ns : d.nameServers()) {
        if (ns.host().equals(host) && ns.glue().isPresent()) {
          out.append(english ? "Host Information:\n" : "Host Information: [ホスト情報]\n");
          line(out, "a.", english ? "[Host Name]" : "[ホスト名]", host.toUpperCase(Locale.ROOT));
          line(out, "b.", english ? "[IP Address]" : "[IPアドレス]", ns.glue().get().getHostAddress());
          return out.toString();
        }
      }
    }
    return out.append("No match!!\n\n").toString();
  }

  private static void domain(StringBuilder out, RegisteredDomain d, boolean english) {
    boolean lg = Registrars.isLgJp(d.name());
    out.append(english ? "Domain Information:\n" : "Domain Information: [ドメイン情報]\n");
    line(out, "a.", english ? "[Domain Name]" : "[ドメイン名]", d.name().toUpperCase(Locale.ROOT));
    line(out, "f.", english ? "[Organization]" : "[組織名]", d.registrant());
    if (lg) {
      line(
          out,
          "k.",
          english ? "[Organization Type]" : "[組織種別]",
          english ? "Local Government" : "地方公共団体");
    }
    line(out, "", english ? "[Registrar]" : "[取扱事業者]", d.registrar());
    for (RegisteredNameServer ns : d.nameServers()) {
      line(out, "p.", english ? "[Name Server]" : "[ネームサーバ]", ns.host());
    }
    line(out, "", english ? "[State]" : "[状態]", "Connected");
    line(out, "", english ? "[Registered Date]" : "[登録年月日]", DATE.format(d.created()));
    line(
        out,
        "",
        english ? "[Last Update]" : "[最終更新]",
        DATE.format(d.updated()) + " 00:00:00 (JST)");
    out.append('\n');
  }

  private static void line(StringBuilder out, String letter, String label, String value) {
    String left = (letter.isEmpty() ? "" : letter + " ") + label;
    out.append(left);
    // JPRS aligns values in a column; a tab after at least one space keeps it readable.
    out.append(" ".repeat(Math.max(1, 32 - displayWidth(left)))).append(value).append('\n');
  }

  private static int displayWidth(String s) {
    int w = 0;
    for (char c : s.toCharArray()) {
      w += c < 0x2E80 ? 1 : 2;
    }
    return w;
  }

  private static String header() {
    return "[ JPRS database provides information on network administration. Its use is    ]\n"
        + "[ restricted to network administration purposes. (lgwan-sim: a simulated       ]\n"
        + "[ registry for training; 研修用に模擬したレジストリです)                        ]\n"
        + "[ To suppress Japanese output, add '/e' at the end of command.                  ]\n\n";
  }
}
