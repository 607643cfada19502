package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lgwan-sim fault ...}: inject a fault into the running simulation, undo it, or list them.
 * Each subcommand is one API call and prints, in Japanese and English, what the simulation did.
 */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = {
      "障害を起こし、元に戻します (研修・試験用)",
      "Injects and undoes faults (for training and testing)"
    },
    subcommands = {
      FaultCommand.Stop.class,
      FaultCommand.Start.class,
      FaultCommand.Reply.class,
      FaultCommand.Latency.class,
      FaultCommand.Clear.class,
      FaultCommand.Disconnect.class,
      FaultCommand.Connect.class,
      FaultCommand.DnsDelete.class,
      FaultCommand.DnsSet.class,
      FaultCommand.DnsRevert.class,
      FaultCommand.DnsStop.class,
      FaultCommand.DnsStart.class,
      FaultCommand.ListFaults.class,
      FaultCommand.ClearAll.class
    })
final class FaultCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One API call; prints its bilingual answer, or the failure. */
  abstract static class Action implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HttpPortOption api;

    abstract JsonNode call(ApiClient client);

    @Override
    public Integer call() {
      try {
        Replies.print(spec.commandLine().getOut(), call(api.client()));
        return 0;
      } catch (CliFailure f) {
        f.print(spec.commandLine().getErr());
        return f.exitCode();
      }
    }
  }

  static String node(String id) {
    return "/api/nodes/" + id;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = {"ノードを停止します (接続拒否)", "Stops a node (connections refused)"})
  static final class Stop extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Override
    JsonNode call(ApiClient c) {
      return c.post(node(id) + "/stop", Map.of());
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {"停止したノードを起動します (キューを再開)", "Starts a stopped node (resumes its queue)"})
  static final class Start extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Override
    JsonNode call(ApiClient c) {
      return c.post(node(id) + "/start", Map.of());
    }
  }

  @Command(
      name = "reply",
      mixinStandardHelpOptions = true,
      description = {
        "ノードに指定の段階で指定の応答を返させます (例 RCPT に 451)",
        "Makes a node answer a chosen reply at a chosen stage (e.g. 451 at RCPT)"
      })
  static final class Reply extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Option(
        names = "--stage",
        required = true,
        paramLabel = "STAGE",
        description = "connect, mail, rcpt, data")
    String stage;

    @Option(
        names = "--code",
        required = true,
        paramLabel = "CODE",
        description = "4xx か 5xx の応答コード / a 4xx or 5xx reply code, e.g. 451, 550")
    int code;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "応答の文 / reply text, e.g. \"4.3.0 try later\"")
    String text;

    @Option(
        names = "--fraction",
        defaultValue = "1.0",
        paramLabel = "0..1",
        description = "対象にするメールの割合 / share of messages hit (default: ${DEFAULT-VALUE})")
    double fraction;

    @Override
    JsonNode call(ApiClient c) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("stage", stage);
      body.put("code", code);
      if (text != null) {
        body.put("text", text);
      }
      body.put("fraction", fraction);
      return c.post(node(id) + "/faults", body);
    }
  }

  @Command(
      name = "latency",
      mixinStandardHelpOptions = true,
      description = {"ノードの応答を遅らせます (0 で解除)", "Delays a node's replies (0 removes the delay)"})
  static final class Latency extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Option(names = "--ms", required = true, paramLabel = "MS", description = "ミリ秒 / milliseconds")
    long ms;

    @Override
    JsonNode call(ApiClient c) {
      return c.post(node(id) + "/faults", Map.of("latencyMs", ms));
    }
  }

  @Command(
      name = "clear",
      mixinStandardHelpOptions = true,
      description = {"ノードの応答の障害と遅延を解除します", "Clears a node's injected replies and latency"})
  static final class Clear extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Override
    JsonNode call(ApiClient c) {
      return c.delete(node(id) + "/faults");
    }
  }

  @Command(
      name = "disconnect",
      mixinStandardHelpOptions = true,
      description = {"ノードをネットワークから切り離します", "Cuts a node off one of its networks"})
  static final class Disconnect extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Parameters(index = "1", paramLabel = "NETWORK", description = "ネットワーク / network, e.g. lgwan")
    String network;

    @Override
    JsonNode call(ApiClient c) {
      return c.post(node(id) + "/networks/" + network + "/disconnect", Map.of());
    }
  }

  @Command(
      name = "connect",
      mixinStandardHelpOptions = true,
      description = {"切り離したノードを再接続します", "Reconnects a node to a network"})
  static final class Connect extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "ノード / node id")
    String id;

    @Parameters(index = "1", paramLabel = "NETWORK", description = "ネットワーク / network, e.g. lgwan")
    String network;

    @Override
    JsonNode call(ApiClient c) {
      return c.post(node(id) + "/networks/" + network + "/connect", Map.of());
    }
  }

  @Command(
      name = "dns-delete",
      mixinStandardHelpOptions = true,
      description = {
        "DNS ビューから名前と型のレコードを削除します (例 B町の MX)",
        "Removes the records of a name and type from a DNS view (e.g. B町's MX)"
      })
  static final class DnsDelete extends Action {
    @Parameters(index = "0", paramLabel = "VIEW", description = "DNS ビュー / view, e.g. lgwan")
    String view;

    @Parameters(index = "1", paramLabel = "NAME", description = "名前 / name, e.g. town-b.lg.jp")
    String name;

    @Parameters(index = "2", paramLabel = "TYPE", description = "型 / type, e.g. MX")
    String type;

    @Override
    JsonNode call(ApiClient c) {
      return c.delete("/api/dns/" + view + "/records", Map.of("name", name, "type", type));
    }
  }

  @Command(
      name = "dns-set",
      mixinStandardHelpOptions = true,
      description = {
        "DNS ビューの名前と型のレコードを置き換えます",
        "Replaces the records of a name and type in a DNS view"
      })
  static final class DnsSet extends Action {
    @Parameters(index = "0", paramLabel = "VIEW", description = "DNS ビュー / view, e.g. lgwan")
    String view;

    @Parameters(index = "1", paramLabel = "NAME", description = "名前 / name, e.g. town-b.lg.jp")
    String name;

    @Parameters(index = "2", paramLabel = "TYPE", description = "型 / type, e.g. MX")
    String type;

    @Parameters(
        index = "3..*",
        arity = "1..*",
        paramLabel = "DATA",
        description = "レコードの内容 (複数可) / record data, one or more, e.g. \"10 relay.lgwan.jp.\"")
    List<String> data;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "TTL (既定 300 / default 300)")
    Long ttl;

    @Override
    JsonNode call(ApiClient c) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("type", type);
      body.put("data", data);
      if (ttl != null) {
        body.put("ttl", ttl);
      }
      return c.put("/api/dns/" + view + "/records", body);
    }
  }

  @Command(
      name = "dns-revert",
      mixinStandardHelpOptions = true,
      description = {"DNS ビューの変更をすべて元に戻します", "Puts every changed record of a DNS view back"})
  static final class DnsRevert extends Action {
    @Parameters(index = "0", paramLabel = "VIEW", description = "DNS ビュー / view, e.g. lgwan")
    String view;

    @Override
    JsonNode call(ApiClient c) {
      return c.delete("/api/dns/" + view + "/changes");
    }
  }

  @Command(
      name = "dns-stop",
      mixinStandardHelpOptions = true,
      description = {"DNS サーバを停止します (問い合わせはタイムアウト)", "Stops a DNS server (questions time out)"})
  static final class DnsStop extends Action {
    @Parameters(index = "0", paramLabel = "VIEW", description = "DNS ビュー / view, e.g. lgwan")
    String view;

    @Override
    JsonNode call(ApiClient c) {
      return c.post("/api/dns/" + view + "/stop", Map.of());
    }
  }

  @Command(
      name = "dns-start",
      mixinStandardHelpOptions = true,
      description = {"停止した DNS サーバを起動します", "Starts a stopped DNS server again"})
  static final class DnsStart extends Action {
    @Parameters(index = "0", paramLabel = "VIEW", description = "DNS ビュー / view, e.g. lgwan")
    String view;

    @Override
    JsonNode call(ApiClient c) {
      return c.post("/api/dns/" + view + "/start", Map.of());
    }
  }

  @Command(
      name = "clear-all",
      mixinStandardHelpOptions = true,
      description = {"すべての障害を解除します", "Undoes every fault"})
  static final class ClearAll extends Action {
    @Override
    JsonNode call(ApiClient c) {
      return c.delete("/api/faults");
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"いま有効な障害を一覧します", "Lists the faults active now"})
  static final class ListFaults implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HttpPortOption api;

    @Override
    public Integer call() {
      try {
        FaultList.print(spec.commandLine().getOut(), api.client().get("/api/faults"));
        return 0;
      } catch (CliFailure f) {
        f.print(spec.commandLine().getErr());
        return f.exitCode();
      }
    }
  }
}
