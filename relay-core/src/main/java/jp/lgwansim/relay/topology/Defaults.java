package jp.lgwansim.relay.topology;

/**
 * Every default value of the topology model, declared once; the key reference is made from here.
 */
public final class Defaults {
  /** SMTP listener port of every node (unprivileged, so no root is needed). */
  public static final int SMTP_PORT = 2525;

  /** IMAP port of a node that hosts mailboxes (143 + 1000). */
  public static final int IMAP_PORT = 1143;

  /** POP3 port of a node that hosts mailboxes (110 + 1000). */
  public static final int POP3_PORT = 1110;

  /** DNS port of every view's server (the mDNS number, unprivileged; dig needs {@code -p 5353}). */
  public static final int DNS_PORT = 5353;

  /** TTL of records the simulation derives or that a topology gives without one, in seconds. */
  public static final long DNS_TTL_SECONDS = 300;

  /** Preference of the MX record derived for a domain a node is final for. */
  public static final int MX_PREFERENCE = 10;

  private Defaults() {}
}
