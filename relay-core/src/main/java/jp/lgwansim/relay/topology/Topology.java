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
 */
public record Topology(
    String name,
    String description,
    List<NetworkSpec> networks,
    List<NodeSpec> nodes,
    List<RecordSpec> records,
    List<ZoneFileSpec> zoneFiles,
    QueueSettings queue) {

  public Topology {
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
