package jp.lgwansim.relay.topology;

import java.util.Arrays;
import java.util.Optional;

/** What a node stands for in the article's figures. Roles are labels; behaviour comes from keys. */
public enum NodeRole {
  /** A city's, town's or village's LGWAN mail server (A市, B町). */
  MUNICIPALITY("municipality"),
  /** A prefecture's mail server. */
  PREFECTURE("prefecture"),
  /** A mail relay inside LGWAN run by the LGWAN operator. */
  LGWAN_RELAY("lgwan-relay"),
  /** The SMTP server at a point of interface (POI), the smarthost of Static delivery. */
  POI("poi"),
  /** The gateway between LGWAN and the government common network (政府共通ネットワーク). */
  GSS_GATEWAY("gss-gateway"),
  /** A ministry's mail server ({@code *.go.jp}). */
  MINISTRY("ministry"),
  /** An LGWAN-ASP service provider's mail server. */
  ASP("asp"),
  /** The prefecture's security cloud gateway between the Internet and LGWAN. */
  SECURITY_CLOUD("security-cloud"),
  /** An MTA on the Internet (an ISP relay, a company's server). */
  INTERNET_MTA("internet-mta");

  private final String yamlName;

  NodeRole(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The spelling used in topology files and the API. */
  public String yamlName() {
    return yamlName;
  }

  public static Optional<NodeRole> fromYaml(String name) {
    return Arrays.stream(values()).filter(r -> r.yamlName.equals(name)).findFirst();
  }
}
