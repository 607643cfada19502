/**
 * The immutable model of a simulation: networks, nodes, DNS records. relay-sim builds it from a
 * YAML file and validates it; relay-core only reads it. Defaults live in {@link
 * jp.lgwansim.relay.topology.Defaults}, declared once.
 */
package jp.lgwansim.relay.topology;
