package jp.lgwansim.sim.cli;

import java.nio.file.Path;
import java.util.Optional;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.sim.Simulation;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.topology.TopologyFile;
import jp.lgwansim.sim.topology.TopologyLoader;

/**
 * The launcher {@code run} and {@code demo} use: loads and validates the YAML file (nothing starts
 * when it is invalid), then starts the {@link Simulation} with its spools in {@code
 * DATA-DIR/<topology name>}.
 */
final class TopologyFileLauncher implements SimulationLauncher {
  private Simulation simulation;

  @Override
  public synchronized SimulationHandle start(Path topologyFile, Optional<Path> dataDir)
      throws Exception {
    TopologyFile file = TopologyLoader.loadFile(topologyFile);
    Topology topology = file.topology();
    simulation =
        Simulation.start(
            topology,
            file.registry(),
            dataDir.map(d -> d.resolve(topology.name())),
            jp.lgwansim.relay.node.Cluster.Options::defaults);
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
