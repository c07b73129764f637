package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The file's {@code proxy:} section and every {@code routes:} entry of its containers and units, gathered in one
 * place: routes are the proxy's business, not their container's (changing one never recreates the container).
 *
 * @param caddy Caddy's admin endpoint, {@code http://HOST:PORT} or {@code unix:///PATH}
 * @param sites keyed by name, in the file's order
 * @param routes in the file's order: containers' first, then units'
 */
public record ProxySpec(String caddy, Map<String, SiteSpec> sites, List<RouteSpec> routes) {
  /** Caddy's own default admin endpoint. */
  public static final String DEFAULT_CADDY = "http://127.0.0.1:2019";
  public static final ProxySpec NONE = new ProxySpec(DEFAULT_CADDY, Map.of(), List.of());

  public ProxySpec {
    requireNonNull(caddy, "caddy is null");
    sites = Collections2.orderedCopy(sites);
    routes = List.copyOf(requireNonNull(routes, "routes is null"));
  }

  public boolean isEmpty() {
    return sites.isEmpty() && routes.isEmpty();
  }
}
