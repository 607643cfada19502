package jp.lgwansim.sim.topology;

import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.sim.registry.Registry;

/**
 * Everything a topology file describes: the simulation's model, and the registry side (kept apart
 * because relay-core's nodes know nothing of registrars and WHOIS).
 */
public record TopologyFile(Topology topology, Registry registry) {}
