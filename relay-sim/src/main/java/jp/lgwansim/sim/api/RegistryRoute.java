package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import jp.lgwansim.relay.net.Cidr;
import jp.lgwansim.relay.trace.Bilingual;
import jp.lgwansim.sim.SimulationHandle;
import jp.lgwansim.sim.registry.NameServerChange;
import jp.lgwansim.sim.registry.RegistryServices;

/**
 * The registry of a running simulation:
 *
 * <pre>
 * GET  /api/registry              the registered domains, as WHOIS knows them now
 * POST /api/registry/ns-change    {"domain","host","newHost"|"newIp","fileApplication"?}
 *      → {"applicationRequired","via","otherRegistrarMustUpdate","reason","filed","done"}
 * </pre>
 *
 * The change is made on the government's own DNS server at once; the registry and the parent zone's
 * delegation change only with {@code "fileApplication": true}.
 */
final class RegistryRoute implements ApiRoute {
  static final String EXAMPLE =
      "{\"domain\":\"town-b.lg.jp\",\"host\":\"ns.town-b.lg.jp\",\"newIp\":\"127.51.2.54\","
          + "\"fileApplication\":false}";

  private final SimulationHandle sim;
  private final ApiIo io;

  RegistryRoute(SimulationHandle sim, ApiIo io) {
    this.sim = sim;
    this.io = io;
  }

  /** The JSON of a verdict and what was done. */
  record ChangeDocument(
      boolean applicationRequired,
      String via,
      String otherRegistrarMustUpdate,
      String reason,
      Bilingual reasons,
      boolean filed,
      Bilingual done) {
    static ChangeDocument of(RegistryServices.Applied a) {
      NameServerChange.Verdict v = a.verdict();
      return new ChangeDocument(
          v.applicationRequired(),
          v.via(),
          v.otherRegistrarMustUpdate(),
          v.reason().ja() + " / " + v.reason().en(),
          v.reason(),
          a.filed(),
          a.done());
    }
  }

  @Override
  public boolean handle(HttpExchange exchange, String path) throws ApiException, IOException {
    if (!path.equals("/api/registry") && !path.equals("/api/registry/ns-change")) {
      return false;
    }
    RegistryServices registry =
        sim.registry()
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        Bilingual.of(
                            "このシミュレーションにはレジストリがありません", "This simulation runs no registry")));
    if (path.equals("/api/registry")) {
      ApiIo.requireMethod(exchange, "GET");
      java.util.List<java.util.Map<String, Object>> domains = new java.util.ArrayList<>();
      for (jp.lgwansim.sim.registry.RegisteredDomain d : registry.registry().domains()) {
        java.util.List<java.util.Map<String, String>> ns = new java.util.ArrayList<>();
        d.nameServers()
            .forEach(
                n ->
                    ns.add(
                        n.glue().isPresent()
                            ? java.util.Map.of(
                                "host", n.host(), "glue", n.glue().get().getHostAddress())
                            : java.util.Map.of("host", n.host())));
        domains.add(
            java.util.Map.of(
                "name", d.name(),
                "registrant", d.registrant(),
                "registrar", d.registrar(),
                "nameServers", ns,
                "created", d.created().toString(),
                "updated", d.updated().toString()));
      }
      io.respond(exchange, 200, domains);
      return true;
    }
    ApiIo.requireMethod(exchange, "POST");
    JsonNode body = io.readObject(exchange, EXAMPLE);
    String domain = body.path("domain").asText("");
    String host = body.path("host").asText("");
    Optional<String> newHost =
        Optional.of(body.path("newHost").asText("")).filter(s -> !s.isBlank());
    Optional<String> newIp = Optional.of(body.path("newIp").asText("")).filter(s -> !s.isBlank());
    if (domain.isBlank() || host.isBlank() || newHost.isPresent() == newIp.isPresent()) {
      throw ApiException.badRequest(
          "\"domain\"、\"host\" と、\"newHost\" か \"newIp\" のどちらか一つを指定してください: " + EXAMPLE,
          "Give \"domain\", \"host\" and exactly one of \"newHost\" or \"newIp\": " + EXAMPLE);
    }
    Optional<InetAddress> address;
    try {
      address = newIp.map(Cidr::parseIpv4);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          newIp.get() + " は IPv4 アドレスではありません", newIp.get() + " is not an IPv4 address");
    }
    try {
      RegistryServices.Applied applied =
          registry.changeNameServer(
              domain, host, newHost, address, body.path("fileApplication").asBoolean(false));
      io.respond(exchange, 200, ChangeDocument.of(applied));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          404,
          Bilingual.of("変更できません: " + e.getMessage(), "Cannot change it: " + e.getMessage()),
          e);
    } catch (IOException e) {
      throw new ApiException(
          409,
          Bilingual.of(
              "新しいアドレスで待ち受けできません: " + e.getMessage(),
              "Cannot listen at the new address: " + e.getMessage()),
          e);
    }
    return true;
  }
}
