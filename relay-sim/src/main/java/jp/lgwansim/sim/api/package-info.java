/**
 * The control API of a running simulation: HTTP + JSON on 127.0.0.1, used by the CLI and the
 * dashboard. {@link jp.lgwansim.sim.api.ApiServer} serves it; {@link
 * jp.lgwansim.sim.api.MessageTracker} turns the trace into per-message state; {@link
 * jp.lgwansim.sim.api.MessageSubmitter} submits mail over real SMTP at the sender's home node;
 * {@link jp.lgwansim.sim.api.EventStream} streams the trace as Server-Sent Events. Everything here
 * sees the simulation only through {@link jp.lgwansim.sim.SimulationHandle}.
 */
package jp.lgwansim.sim.api;
