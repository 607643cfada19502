package jp.lgwansim.sim.cli;

import jp.lgwansim.sim.api.ApiOptions;
import picocli.CommandLine.Option;

/**
 * {@code --http-port} (and {@code --http-host}, for a simulation shared on a LAN with {@code
 * --http-bind}): the same options on every command that talks to a running simulation.
 */
final class HttpPortOption {
  @Option(
      names = "--http-host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "API のアドレス / address of the running simulation's API (default: ${DEFAULT-VALUE})")
  String httpHost;

  @Option(
      names = "--http-port",
      defaultValue = "" + ApiOptions.DEFAULT_PORT,
      paramLabel = "PORT",
      description = "API のポート / port of the running simulation's API (default: ${DEFAULT-VALUE})")
  int httpPort;

  ApiClient client() {
    return new ApiClient(httpHost, httpPort);
  }
}
