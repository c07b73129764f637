package dev.podkeeper.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * podkeeper's servers and routes as Caddy's JSON config, and back. The shapes are the ones Caddy's own Caddyfile
 * adapter produces for the same site:
 * <ul>
 *   <li>a path route matches {@code ["/sonarr", "/sonarr/*"]} (the Caddyfile's {@code /sonarr*} also matches
 *       {@code /sonarrx});
 *   <li>a stripped prefix is a subroute: {@code rewrite.strip_path_prefix}, then the proxy, which sends the prefix
 *       upstream as {@code X-Forwarded-Prefix};
 *   <li>a port-mode route has no matcher: its server is its own.
 * </ul>
 * A route that does not read back as one of these shapes (someone edited it) reads as an upstream that matches
 * nothing desired, so that reconcile replaces it.
 */
final class CaddyJson {
  static final String UNRECOGNISED = "(not a route shape podkeeper writes)";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CaddyJson() {}

  static ObjectNode server(ProxyServer server) {
    ObjectNode node = NODES.objectNode();
    node.put("@id", server.id());
    ArrayNode listen = node.putArray("listen");
    server.listen().forEach(listen::add);
    ArrayNode routes = node.putArray("routes");
    server.routes().forEach(r -> routes.add(route(r)));
    // Without this, a host matcher would make Caddy ask a public CA for a certificate: a TLS site's comes from
    // the object CaddyTls writes for it, and a plain one has none.
    node.putObject("automatic_https").put("disable", true);
    if (!server.tls().none()) {
      node.set("tls_connection_policies", CaddyTls.connectionPolicies(server.id(), server.tls()));
    }
    return node;
  }

  static ArrayNode listen(List<String> addresses) {
    ArrayNode listen = NODES.arrayNode();
    addresses.forEach(listen::add);
    return listen;
  }

  static ObjectNode route(ProxyRoute route) {
    ObjectNode node = NODES.objectNode();
    node.put("@id", route.id());
    if (route.host().isPresent() || route.path().isPresent()) {
      ObjectNode match = node.putArray("match").addObject();
      route.host().ifPresent(h -> match.putArray("host").add(h));
      route.path().ifPresent(p -> match.putArray("path").add(p).add(p + "/*"));
    }
    ObjectNode proxy = reverseProxy(route.upstream());
    if (route.stripPrefix()) {
      String prefix = route.path().orElseThrow();
      proxy.putObject("headers").putObject("request").putObject("set").putArray("X-Forwarded-Prefix").add(prefix);
      ObjectNode subroute = node.putArray("handle").addObject().put("handler", "subroute");
      ArrayNode handle = subroute.putArray("routes").addObject().putArray("handle");
      handle.addObject().put("handler", "rewrite").put("strip_path_prefix", prefix);
      handle.add(proxy);
    } else {
      node.putArray("handle").add(proxy);
    }
    node.put("terminal", true);
    return node;
  }

  private static ObjectNode reverseProxy(String upstream) {
    ObjectNode proxy = NODES.objectNode().put("handler", "reverse_proxy");
    proxy.putArray("upstreams").addObject().put("dial", upstream);
    return proxy;
  }

  static ProxyServer readServer(String id, JsonNode node, JsonNode tlsApp) {
    List<String> listen = new ArrayList<>();
    node.path("listen").forEach(l -> listen.add(l.asText()));
    List<ProxyRoute> routes = new ArrayList<>();
    for (JsonNode route : node.path("routes")) {
      readRoute(route).ifPresent(routes::add);
    }
    return new ProxyServer(id, listen.isEmpty() ? List.of("(none)") : listen, routes, CaddyTls.read(id, node, tlsApp));
  }

  /** Empty for a route without a usable {@code @id}: not podkeeper's, left alone. */
  static Optional<ProxyRoute> readRoute(JsonNode node) {
    String id = node.path("@id").asText("");
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(recognised(id, node).orElseGet(() -> ProxyRoute.wholeServer(id, UNRECOGNISED)));
    } catch (IllegalArgumentException notAnIdPodkeeperWrites) {
      return Optional.empty();
    }
  }

  private record Matcher(Optional<String> host, Optional<String> path) {}

  private static Optional<ProxyRoute> recognised(String id, JsonNode node) {
    JsonNode handle = node.path("handle");
    if (!node.path("terminal").asBoolean(false) || handle.size() != 1) {
      return Optional.empty();
    }
    JsonNode handler = handle.get(0);
    return matcher(node.path("match")).flatMap(m -> {
      if ("reverse_proxy".equals(handler.path("handler").asText()) && !handler.has("headers")) {
        return upstream(handler).map(u -> new ProxyRoute(id, m.host(), m.path(), false, u));
      }
      if ("subroute".equals(handler.path("handler").asText()) && m.path().isPresent()) {
        return stripped(id, m.host(), m.path().get(), handler);
      }
      return Optional.empty();
    });
  }

  /** No matcher, or one with at most one host and the path pair podkeeper writes; empty for anything else. */
  private static Optional<Matcher> matcher(JsonNode matches) {
    if (matches.size() == 0) {
      return Optional.of(new Matcher(Optional.empty(), Optional.empty()));
    }
    JsonNode match = matches.get(0);
    JsonNode hosts = match.path("host");
    JsonNode paths = match.path("path");
    boolean onlyHostAndPath = match.size() == (match.has("host") ? 1 : 0) + (match.has("path") ? 1 : 0);
    if (matches.size() > 1 || !onlyHostAndPath || hosts.size() > 1) {
      return Optional.empty();
    }
    Optional<String> host = hosts.size() == 1 ? Optional.of(hosts.get(0).asText()) : Optional.empty();
    if (!match.has("path")) {
      return Optional.of(new Matcher(host, Optional.empty()));
    }
    String prefix = paths.path(0).asText();
    if (paths.size() != 2 || !paths.get(1).asText().equals(prefix + "/*")) {
      return Optional.empty();
    }
    return Optional.of(new Matcher(host, Optional.of(prefix)));
  }

  private static Optional<ProxyRoute> stripped(String id, Optional<String> host, String prefix, JsonNode subroute) {
    JsonNode inner = subroute.path("routes");
    if (inner.size() != 1 || inner.get(0).path("handle").size() != 2) {
      return Optional.empty();
    }
    JsonNode rewrite = inner.get(0).path("handle").get(0);
    JsonNode proxy = inner.get(0).path("handle").get(1);
    boolean strips = "rewrite".equals(rewrite.path("handler").asText())
        && prefix.equals(rewrite.path("strip_path_prefix").asText());
    boolean forwards = "reverse_proxy".equals(proxy.path("handler").asText())
        && prefix.equals(proxy.path("headers").path("request").path("set").path("X-Forwarded-Prefix").path(0).asText());
    if (!strips || !forwards) {
      return Optional.empty();
    }
    return upstream(proxy).map(u -> ProxyRoute.onPath(id, host, prefix, true, u));
  }

  private static Optional<String> upstream(JsonNode reverseProxy) {
    JsonNode upstreams = reverseProxy.path("upstreams");
    if (upstreams.size() != 1 || !upstreams.get(0).hasNonNull("dial")) {
      return Optional.empty();
    }
    return Optional.of(upstreams.get(0).get("dial").asText());
  }
}
