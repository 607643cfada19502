package jp.lgwansim.relay.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwansim.relay.net.Fabric;
import jp.lgwansim.relay.topology.QueueSettings;
import jp.lgwansim.relay.trace.TraceBus;

/**
 * What all nodes of one simulation share. Threads are shared on purpose: 1,800 idle nodes must not
 * own 1,800 pools.
 *
 * @param trace where every node publishes its steps
 * @param fabric the simulated networks
 * @param dnsServers network name to the real address of its DNS view's server
 * @param spoolRoot each node's spool is a folder below it, named after the node id
 * @param fsync false only in benchmarks that measure what durability costs
 * @param queue retry, lifetime and limits of every node
 * @param scheduler timers (retries)
 * @param workers delivery attempts
 */
public record NodeContext(
    TraceBus trace,
    Fabric fabric,
    Map<String, InetSocketAddress> dnsServers,
    Path spoolRoot,
    boolean fsync,
    QueueSettings queue,
    ScheduledExecutorService scheduler,
    ExecutorService workers,
    Clock clock) {

  public NodeContext {
    dnsServers = Map.copyOf(dnsServers);
  }
}
