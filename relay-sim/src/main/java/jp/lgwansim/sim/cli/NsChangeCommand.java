package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.sim.registry.NameServerChange;
import jp.lgwansim.sim.registry.RegisteredDomain;
import jp.lgwansim.sim.registry.RegisteredNameServer;
import jp.lgwansim.sim.registry.Registry;
import jp.lgwansim.sim.topology.TopologyLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim ns-change}: whether a change of a name server needs a change application,
 * through whom and why (article §6, Tables 1 and 2); with {@code --apply}, performs it in the
 * running simulation, and with {@code --file-application} files it too.
 *
 * <p>The registry it judges against: {@code --topology FILE} if given, else the running
 * simulation's; when neither is there, the rules are applied to the names alone (the note to Table
 * 2, another registered domain of the same registrant, then cannot be known).
 */
@Command(
    name = "ns-change",
    mixinStandardHelpOptions = true,
    description = {
      "ネームサーバのホスト名・IPアドレスを変えるとき、変更申請が要るかを答えます (表1・表2)。--apply で実行",
      "Says whether changing a name server's host name or address needs a change application"
          + " (Tables 1 and 2); --apply performs it"
    })
final class NsChangeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HttpPortOption api;

  @Option(
      names = "--domain",
      required = true,
      paramLabel = "DOMAIN",
      description = "例 / e.g. town-b.lg.jp")
  String domain;

  @Option(
      names = "--host",
      required = true,
      paramLabel = "HOST",
      description = "今のネームサーバ / the name server now")
  String host;

  static final class Change {
    @Option(
        names = "--new-host",
        paramLabel = "HOST",
        description = "新しいホスト名 (表1) / new host name (Table 1)")
    String newHost;

    @Option(
        names = "--new-ip",
        paramLabel = "IP",
        description = "新しいIPアドレス (表2) / new address (Table 2)")
    String newIp;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Change change;

  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "このトポロジの登録情報で判断 / judge against this file's registry")
  Path topology;

  @Option(names = "--json", description = "JSON で出力 / print JSON for scripts")
  boolean json;

  @Option(
      names = "--apply",
      description = "動いているシミュレーションで変更する / perform it in the running simulation")
  boolean apply;

  @Option(
      names = "--file-application",
      description = "変更申請もする (レジストリとグルーを更新) / also file the application (registry and glue)")
  boolean fileApplication;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    try {
      Optional<InetAddress> address = Optional.empty();
      if (change.newIp != null) {
        try {
          address = Optional.of(Cidr.parseIpv4(change.newIp));
        } catch (IllegalArgumentException e) {
          throw CliFailure.of(
              change.newIp + " は IPv4 アドレスではありません", change.newIp + " is not an IPv4 address");
        }
      }
      if (fileApplication && !apply) {
        throw CliFailure.of(
            "--file-application は --apply と一緒に使います", "--file-application goes with --apply");
      }
      Map<String, Object> result = new LinkedHashMap<>();
      String reasonJa;
      String reasonEn;
      String done = null;
      if (apply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("host", host);
        if (change.newHost != null) {
          body.put("newHost", change.newHost);
        } else {
          body.put("newIp", change.newIp);
        }
        body.put("fileApplication", fileApplication);
        JsonNode r = api.client().post("/api/registry/ns-change", body);
        result.put("applicationRequired", r.path("applicationRequired").asBoolean());
        result.put("via", r.path("via").isNull() ? null : r.path("via").asText());
        result.put(
            "otherRegistrarMustUpdate",
            r.path("otherRegistrarMustUpdate").isNull()
                ? null
                : r.path("otherRegistrarMustUpdate").asText());
        result.put("reason", r.path("reason").asText());
        result.put("filed", r.path("filed").asBoolean());
        reasonJa = r.path("reasons").path("ja").asText();
        reasonEn = r.path("reasons").path("en").asText();
        done = r.path("done").path("ja").asText() + "\n" + r.path("done").path("en").asText();
      } else {
        Registry registry = registry();
        NameServerChange.Verdict v =
            change.newHost != null
                ? NameServerChange.hostNameChange(registry, domain, host, change.newHost)
                : NameServerChange.addressChange(registry, domain, host, change.newIp);
        result.put("applicationRequired", v.applicationRequired());
        result.put("via", v.via());
        result.put("otherRegistrarMustUpdate", v.otherRegistrarMustUpdate());
        result.put("reason", v.reason().ja() + " / " + v.reason().en());
        reasonJa = v.reason().ja();
        reasonEn = v.reason().en();
      }
      if (json) {
        out.println(mapper.writeValueAsString(result));
      } else {
        boolean required = (Boolean) result.get("applicationRequired");
        out.println(required ? "変更申請: 必要 (" + result.get("via") + " を通じて)" : "変更申請: 不要");
        out.println(
            required
                ? "Change application: required (through " + result.get("via") + ")"
                : "Change application: not required");
        if (result.get("otherRegistrarMustUpdate") != null) {
          out.println("ただし、グルーの変更が必要: " + result.get("otherRegistrarMustUpdate"));
          out.println("But the glue must be changed by: " + result.get("otherRegistrarMustUpdate"));
        }
        out.println(reasonJa);
        out.println(reasonEn);
        if (done != null) {
          out.println(done);
        }
      }
      out.flush();
      return 0;
    } catch (CliFailure f) {
      f.print(spec.commandLine().getErr());
      return f.exitCode();
    }
  }

  private Registry registry() {
    if (topology != null) {
      return TopologyLoader.loadFile(topology).registry();
    }
    JsonNode domains;
    try {
      domains = api.client().get("/api/registry");
    } catch (CliFailure noSimulation) {
      // No simulation and no file: judge by the names alone.
      return new Registry(Optional.empty(), new InetSocketAddress(0), List.of(), List.of());
    }
    List<RegisteredDomain> list = new ArrayList<>();
    for (JsonNode d : domains) {
      List<RegisteredNameServer> ns = new ArrayList<>();
      for (JsonNode n : d.path("nameServers")) {
        ns.add(
            new RegisteredNameServer(
                n.path("host").asText(),
                n.has("glue")
                    ? Optional.of(Cidr.parseIpv4(n.path("glue").asText()))
                    : Optional.empty()));
      }
      list.add(
          new RegisteredDomain(
              d.path("name").asText(),
              d.path("registrant").asText(),
              d.path("registrar").asText(),
              ns,
              LocalDate.parse(d.path("created").asText()),
              LocalDate.parse(d.path("updated").asText())));
    }
    return new Registry(Optional.empty(), new InetSocketAddress(0), list, List.of());
  }
}
