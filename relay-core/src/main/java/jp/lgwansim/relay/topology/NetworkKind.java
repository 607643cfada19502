package jp.lgwansim.relay.topology;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a network is in the article's figures. The kind decides trust: clients on the Internet may
 * never relay, and mail between governments whose route crosses the Internet is a violation.
 */
public enum NetworkKind {
  /** A government's own LAN (庁内LAN). */
  LAN("lan"),
  /** LGWAN, the closed network of local governments. */
  LGWAN("lgwan"),
  /** The government common network (政府共通ネットワーク) of the ministries. */
  GSS("gss"),
  /** The Internet: untrusted. */
  INTERNET("internet");

  private final String yamlName;

  NetworkKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public boolean trusted() {
    return this != INTERNET;
  }

  public static Optional<NetworkKind> fromYaml(String name) {
    return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
  }
}
