package jp.lgwansim.sim.registry;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A name server as the registry lists it for a domain.
 *
 * @param host its host name, e.g. {@code ns.town-b.lg.jp}
 * @param glue the registered address (glue), only for a host inside a registered domain
 */
public record RegisteredNameServer(String host, Optional<InetAddress> glue) {}
