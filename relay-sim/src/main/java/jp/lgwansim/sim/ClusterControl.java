package jp.lgwansim.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.inbound.ReplyFault;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.node.FaultState;
import jp.lgwansim.relay.node.RelayNode;
import jp.lgwansim.relay.queue.QueueEntry;
import jp.lgwansim.relay.topology.NodeSpec;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** {@link SimulationControl} of a running {@link Cluster}: every call is the cluster's own. */
final class ClusterControl implements SimulationControl {
  private final Cluster cluster;

  ClusterControl(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public void stopNode(String nodeId) {
    cluster.stopNode(nodeId);
  }

  @Override
  public void startNode(String nodeId) throws IOException {
    cluster.startNode(nodeId);
  }

  @Override
  public void setReplyFault(String nodeId, ReplyFault fault) {
    cluster.setReplyFault(nodeId, fault);
  }

  @Override
  public void setLatency(String nodeId, Duration latency) {
    cluster.setLatency(nodeId, latency);
  }

  @Override
  public void clearFaults(String nodeId) {
    cluster.clearFaults(nodeId);
  }

  @Override
  public void disconnect(String nodeId, String network) {
    cluster.disconnect(nodeId, network);
  }

  @Override
  public void connect(String nodeId, String network) {
    cluster.reconnect(nodeId, network);
  }

  @Override
  public void addDnsRecord(String view, Record record) {
    cluster.addDnsRecord(view, record);
  }

  @Override
  public void removeDnsRecords(String view, Name name, int type) {
    cluster.removeDnsRecords(view, name, type);
  }

  @Override
  public void replaceDnsRecords(String view, Name name, int type, List<Record> records) {
    cluster.replaceDnsRecords(view, name, type, records);
  }

  @Override
  public int revertDns(String view) {
    return cluster.revertDns(view);
  }

  @Override
  public void stopDns(String view) {
    cluster.stopDns(view);
  }

  @Override
  public void startDns(String view) throws IOException {
    cluster.startDns(view);
  }

  @Override
  public FaultState faults() {
    return cluster.faults();
  }

  @Override
  public void clearAllFaults() throws IOException {
    cluster.clearAllFaults();
  }

  @Override
  public List<QueueEntry> queue(String nodeId) {
    return node(nodeId).queueEntries();
  }

  @Override
  public int flush(String nodeId) {
    return node(nodeId).flushQueue();
  }

  @Override
  public void setDelivery(String nodeId, NodeSpec.DeliverySpec delivery) {
    node(nodeId).setDelivery(delivery);
  }

  @Override
  public Optional<List<byte[]>> mailboxMessages(String nodeId, String address) {
    return node(nodeId).mailboxMessages(address);
  }

  @Override
  public boolean isRunning(String nodeId) {
    return node(nodeId).isRunning();
  }

  private RelayNode node(String id) {
    return cluster.node(id).orElseThrow(() -> new IllegalArgumentException("no node " + id));
  }
}
