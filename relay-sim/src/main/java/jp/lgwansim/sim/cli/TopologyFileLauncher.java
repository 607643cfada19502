package jp.lgwansim.sim.cli;

import java.nio.file.Path;
import java.util.Optional;
import jp.lgwansim.sim.Simulation;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.topology.TopologyLoader;

/**
 * The launcher {@code run} and {@code demo} use: loads and validates the YAML file (nothing starts
 * when it is invalid), then starts the {@link Simulation}.
 */
final class TopologyFileLauncher implements SimulationLauncher {
  private final Optional<Path> dataDir;
  private Simulation simulation;

  TopologyFileLauncher(Optional<Path> dataDir) {
    this.dataDir = dataDir;
  }

  @Override
  public synchronized SimulationHandle start(Path topologyFile) throws Exception {
    simulation = Simulation.start(TopologyLoader.load(topologyFile), dataDir);
    return simulation;
  }

  @Override
  public synchronized void stop() {
    if (simulation != null) {
      simulation.close();
      simulation = null;
    }
  }
}
