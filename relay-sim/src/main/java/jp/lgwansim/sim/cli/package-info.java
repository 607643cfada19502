/**
 * The {@code lgwan-sim} command line (picocli). {@code run} starts a simulation through a {@link
 * jp.lgwansim.sim.cli.SimulationLauncher} and serves its API; every other command talks to a
 * running simulation only through that HTTP API ({@code --http-port}, default 8025), like the
 * dashboard does.
 */
package jp.lgwansim.sim.cli;
