package jp.lgwansim.sim.cli;

import jp.lgwansim.sim.api.ApiOptions;
import picocli.CommandLine.Option;

/** {@code --http-port}: the same option on every command that talks to a running simulation. */
final class HttpPortOption {
  @Option(
      names = "--http-port",
      defaultValue = "" + ApiOptions.DEFAULT_PORT,
      paramLabel = "PORT",
      description = "API のポート / port of the running simulation's API (default: ${DEFAULT-VALUE})")
  int httpPort;

  ApiClient client() {
    return new ApiClient(httpPort);
  }
}
