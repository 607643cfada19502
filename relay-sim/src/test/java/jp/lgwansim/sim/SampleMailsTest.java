package jp.lgwansim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.lgwansim.relay.node.Cluster;
import jp.lgwansim.relay.topology.SampleMail;
import jp.lgwansim.relay.topology.Topology;
import jp.lgwansim.relay.trace.TraceEvent;
import jp.lgwansim.relay.trace.TraceRecorder;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.api.MessageSubmitter;
import jp.lgwansim.sim.api.SendRequest;
import jp.lgwansim.sim.api.Submission;
import jp.lgwansim.sim.topology.TopologyFile;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped topology keeps its word: each sample mail it documents reaches its mailbox by
 * exactly the path its file states, and no mail between governments crosses the Internet.
 */
class SampleMailsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  static Stream<Path> topologies() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "topologies"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topologies")
  void samples_eachTakesItsDocumentedPath_andNoneCrossesTheInternet(Path file) throws Exception {
    TopologyFile loaded = TopologyLoader.loadFile(file);
    Topology topology = loaded.topology();
    assertFalse(topology.samples().isEmpty(), file + " documents no sample mail");
    try (Simulation sim =
            Simulation.start(
                topology, loaded.registry(), Optional.empty(), Cluster.Options::defaults);
        TraceRecorder trace = new TraceRecorder(sim.trace())) {
      MessageSubmitter submitter = new MessageSubmitter(sim, DEADLINE);
      for (SampleMail sample : topology.samples()) {
        Submission sent =
            submitter.submit(
                new SendRequest(
                    new InternetAddress(sample.from()),
                    List.of(new InternetAddress(sample.to())),
                    sample.subject(),
                    "sample of " + file.getFileName()));
        String id = sent.messageId();
        String last = sample.path().get(sample.path().size() - 1);
        trace.await(
            sample.from() + " → " + sample.to() + " delivered at " + last,
            e ->
                e.type() == TraceType.DELIVERED
                    && e.messageId().equals(id)
                    && e.node().equals(last)
                    && e.attribute("mailbox").equalsIgnoreCase(sample.to()),
            DEADLINE);
        List<String> hops =
            trace.events().stream()
                .filter(e -> e.type() == TraceType.RECEIVED && e.messageId().equals(id))
                .map(TraceEvent::node)
                .toList();
        assertEquals(sample.path(), hops, file + ": " + sample.subject());
      }
      assertTrue(
          sim.cluster().violations().isEmpty(),
          file + ": mail between governments crossed the Internet: " + sim.cluster().violations());
    }
  }
}
