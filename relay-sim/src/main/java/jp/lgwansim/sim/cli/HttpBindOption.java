package jp.lgwansim.sim.cli;

import java.net.InetAddress;
import jp.lgwansim.relay.net.Cidr;
import picocli.CommandLine.Option;

/**
 * {@code --http-bind ADDRESS}: where {@code run} and {@code demo} serve the API and the dashboard.
 * The default is 127.0.0.1, because whoever reaches the API can send mail as anyone and inject
 * faults. Any other address of 127.0.0.0/8 is as private. An address outside it (a LAN address, or
 * 0.0.0.0 for every interface) shares the dashboard with a class: it is taken only when typed here,
 * never by default, and {@link #warning} says so in both languages when the simulation starts.
 */
final class HttpBindOption {
  static final String DEFAULT = "127.0.0.1";

  private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

  @Option(
      names = "--http-bind",
      defaultValue = DEFAULT,
      paramLabel = "ADDRESS",
      description = {
        "API とダッシュボードを待ち受けるIPアドレス (既定: ${DEFAULT-VALUE})。127.0.0.0/8 以外 (LANのアドレス、"
            + " 0.0.0.0) を指定すると、そのネットワークの誰でもメールの送信や障害の注入ができます",
        "IP address for the API and the dashboard (default: ${DEFAULT-VALUE}). An address outside"
            + " 127.0.0.0/8 (a LAN address, 0.0.0.0) lets anyone on that network send mail and"
            + " inject faults"
      })
  String text = DEFAULT;

  /**
   * The address to bind, checked: an IPv4 literal (no name lookup).
   *
   * @throws CliFailure naming what to type instead
   */
  InetAddress address() {
    try {
      return Cidr.parseIpv4(text.strip());
    } catch (IllegalArgumentException e) {
      throw CliFailure.of(
          "--http-bind には IPv4 アドレスを書いてください (例: 127.0.0.1、LANで共有するなら 192.168.1.10 や 0.0.0.0): "
              + text,
          "--http-bind takes an IPv4 address (e.g. 127.0.0.1; to share on a LAN, 192.168.1.10 or"
              + " 0.0.0.0): "
              + text);
    }
  }

  /** True for an address other hosts can reach: only when the user typed one. */
  static boolean isShared(InetAddress address) {
    return !LOOPBACK.contains(address);
  }

  /** What to print when the dashboard is shared beyond this machine; empty when it is not. */
  static String warning(InetAddress address) {
    if (!isShared(address)) {
      return "";
    }
    String where = address.getHostAddress();
    return "注意: API とダッシュボードを "
        + where
        + " で公開しています (--http-bind)。このネットワークの誰でもメールの送信や障害の注入ができます。研修用の閉じたLANだけで使ってください\n"
        + "Caution: the API and the dashboard are shared on "
        + where
        + " (--http-bind). Anyone on that network can send mail and inject faults; use it only on"
        + " a closed training LAN";
  }
}
