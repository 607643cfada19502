package jp.lgwansim.sim.cli;

import java.nio.file.Path;
import jp.lgwansim.sim.SimulationHandle;

/**
 * What {@code lgwan-sim run} needs of the simulation engine: start one from a topology file, and
 * later stop it. One launcher starts at most one simulation.
 *
 * <p>{@link Main#Main()} uses {@link TopologyFileLauncher}; tests and embedders pass another to
 * {@link Main#Main(java.util.function.Supplier)}.
 */
public interface SimulationLauncher {

  /**
   * Loads, validates and starts everything the topology file describes (DNS servers, nodes,
   * mailboxes) and returns once all listen.
   *
   * @param dataDir the folder under which the topology's own data folder (its name) is made, so
   *     that a restart on the same folder resumes the queues; empty = a temporary folder removed
   *     when the simulation stops
   * @throws Exception when the file is invalid or a listener cannot start; its message is shown to
   *     the user as it is, so it should say what happened, where, and what to do, in both languages
   */
  SimulationHandle start(Path topologyFile, java.util.Optional<Path> dataDir) throws Exception;

  /**
   * Stops what {@link #start} started; does nothing if nothing was started. Called once, from the
   * shutdown hook (Ctrl-C) or when {@code run} ends.
   */
  void stop() throws Exception;
}
