/**
 * Decides the next hop for a recipient domain and says why. Order: local domain, then the node's
 * transport map, then its delivery mode ({@code mx}: RFC 5321 section 5.1 and RFC 7505; {@code
 * static}: a smarthost as Postfix's relayhost). The answer is a {@link
 * jp.lgwansim.relay.routing.RouteDecision}, never an exception, so a bug here cannot bounce mail by
 * accident.
 */
package jp.lgwansim.relay.routing;
