/**
 * The authoritative DNS of a simulation: one split-horizon {@link jp.lgwansim.relay.dns.DnsView}
 * per network (LGWAN's DNS answers differently from the Internet's), compiled from the topology by
 * {@link jp.lgwansim.relay.dns.DnsViewCompiler} and served over UDP and TCP by {@link
 * jp.lgwansim.relay.dns.DnsServer}. dnsjava does the wire format, zones and zone files; this
 * package only decides what an answer contains and how the sockets are run. The resolver that nodes
 * use (the client side) lives in routing, not here.
 */
package jp.lgwansim.relay.dns;
