package dev.podkeeper.model.proxy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One route podkeeper keeps in the reverse proxy: requests for {@code host} (any host when empty) whose path is
 * {@code path} or below it go to {@code upstream}; without a path the route takes every request of its server
 * (port mode).
 *
 * @param id the route's {@code @id}, unique in the proxy's whole config
 * @param stripPrefix the upstream sees the path without {@code path} and gets it as {@code X-Forwarded-Prefix}
 * @param upstream {@code host:port} the proxy dials
 */
public record ProxyRoute(String id, Optional<String> host, Optional<String> path, boolean stripPrefix, String upstream) {
  public ProxyRoute {
    requireNonNull(id, "id is null");
    requireNonNull(host, "host is null");
    requireNonNull(path, "path is null");
    requireNonNull(upstream, "upstream is null");
    ProxyServer.requireSafeId(id);
    path.ifPresent(p -> {
      if (!p.startsWith("/") || p.equals("/") || p.endsWith("/")) {
        throw new IllegalArgumentException("route " + id + ": path must start with / and be neither / nor end in /: " + p);
      }
    });
    if (stripPrefix && path.isEmpty()) {
      throw new IllegalArgumentException("route " + id + ": stripPrefix needs a path");
    }
  }

  /** A route for a path on a site, the prefix kept or stripped. */
  public static ProxyRoute onPath(String id, Optional<String> host, String path, boolean stripPrefix, String upstream) {
    return new ProxyRoute(id, host, Optional.of(path), stripPrefix, upstream);
  }

  /** A route that takes every request of its server: the whole app at /. */
  public static ProxyRoute wholeServer(String id, String upstream) {
    return new ProxyRoute(id, Optional.empty(), Optional.empty(), false, upstream);
  }
}
