package jp.lgwansim.relay.topology;

import java.util.List;
import java.util.Optional;

/**
 * A whole simulation as its YAML file describes it.
 *
 * @param name short name, e.g. {@code figure1-mx}
 * @param description one paragraph for people (may be empty)
 * @param networks the address ranges nodes live on; each may carry a DNS view
 * @param nodes the SMTP nodes
 * @param records explicit DNS records; they replace derived records of the same name and type
 * @param zoneFiles BIND zone files whose records join the views
 * @param queue how every node queues, retries and gives up
 * @param samples the mails it is meant to show, with their documented paths
 */
public record Topology(
    String name,
    String description,
    List<NetworkSpec> networks,
    List<NodeSpec> nodes,
    List<RecordSpec> records,
    List<ZoneFileSpec> zoneFiles,
    QueueSettings queue,
    List<SampleMail> samples) {

  /** A topology without sample mails. */
  public Topology(
      String name,
      String description,
      List<NetworkSpec> networks,
      List<NodeSpec> nodes,
      List<RecordSpec> records,
      List<ZoneFileSpec> zoneFiles,
      QueueSettings queue) {
    this(name, description, networks, nodes, records, zoneFiles, queue, List.of());
  }

  public Topology {
    samples = List.copyOf(samples);
    networks = List.copyOf(networks);
    nodes = List.copyOf(nodes);
    records = List.copyOf(records);
    zoneFiles = List.copyOf(zoneFiles);
  }

  public Optional<NodeSpec> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  public Optional<NetworkSpec> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }
}
