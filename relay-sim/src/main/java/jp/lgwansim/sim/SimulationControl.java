package jp.lgwansim.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.lgwansim.relay.inbound.ReplyFault;
import jp.lgwansim.relay.node.FaultState;
import jp.lgwansim.relay.queue.QueueEntry;
import jp.lgwansim.relay.topology.NodeSpec;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What a trainer may change in a running simulation: faults to inject and undo, and the queues
 * (Postfix's mailq and postqueue -f). Every fault is traced as a FAULT event. Ids are checked by
 * the caller against the topology; an unknown one here is an {@link IllegalArgumentException}.
 */
public interface SimulationControl {

  /** Stops a node: connections refused, its queue waits in the spool, its mailboxes stay up. */
  void stopNode(String nodeId);

  /** Starts a stopped node again; it resumes its spool. */
  void startNode(String nodeId) throws IOException;

  /** Makes a node answer a chosen reply at a chosen stage. */
  void setReplyFault(String nodeId, ReplyFault fault);

  /** Delays every SMTP reply of a node; zero removes the delay. */
  void setLatency(String nodeId, Duration latency);

  /** Removes a node's reply faults and latency. */
  void clearFaults(String nodeId);

  /** Cuts a node off one of its networks. */
  void disconnect(String nodeId, String network);

  /** Restores a cut link. */
  void connect(String nodeId, String network);

  /** Adds a record to a DNS view. */
  void addDnsRecord(String view, Record record);

  /** Removes every record of a name and type from a DNS view. */
  void removeDnsRecords(String view, Name name, int type);

  /** Replaces every record of a name and type in a DNS view. */
  void replaceDnsRecords(String view, Name name, int type, List<Record> records);

  /** Puts every changed record of a view back; returns how many RRsets. */
  int revertDns(String view);

  /** Stops a view's DNS server (questions time out). */
  void stopDns(String view);

  /** Starts a view's DNS server again on the same address. */
  void startDns(String view) throws IOException;

  /** Every fault active now. */
  FaultState faults();

  /** Undoes every fault. */
  void clearAllFaults() throws IOException;

  /** What a node holds in its queue, oldest first. */
  List<QueueEntry> queue(String nodeId);

  /** Retries a node's deferred mail now; returns how many (0 while it is stopped). */
  int flush(String nodeId);

  /**
   * Switches a node between MX and Static delivery; its next routing decision uses it (traced as a
   * FAULT event of kind {@code delivery}).
   *
   * @throws IllegalArgumentException when Static has no smarthost, MX has one, or the smarthost is
   *     not of the forms {@code host}, {@code [host]}, {@code host:port}
   */
  void setDelivery(String nodeId, NodeSpec.DeliverySpec delivery);

  /**
   * The raw messages of one mailbox of a node, oldest first; empty when the node has no such
   * mailbox.
   */
  Optional<List<byte[]>> mailboxMessages(String nodeId, String address);

  /** False while the node is stopped. */
  boolean isRunning(String nodeId);
}
