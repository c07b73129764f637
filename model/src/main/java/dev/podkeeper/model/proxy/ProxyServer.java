package dev.podkeeper.model.proxy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One server (a set of listeners and their routes) podkeeper keeps in the reverse proxy: a site, or the listener
 * of a port-mode route.
 *
 * @param id the server's {@code @id}, also its key among the proxy's servers
 * @param listen the addresses it listens on, {@code host:port}
 */
public record ProxyServer(String id, List<String> listen, List<ProxyRoute> routes) {
  public ProxyServer {
    requireNonNull(id, "id is null");
    listen = List.copyOf(requireNonNull(listen, "listen is null"));
    routes = List.copyOf(requireNonNull(routes, "routes is null"));
    if (id.isBlank()) {
      throw new IllegalArgumentException("server id is blank");
    }
    if (listen.isEmpty()) {
      throw new IllegalArgumentException("server " + id + " listens nowhere");
    }
  }

  public ProxyServer withRoutes(List<ProxyRoute> newRoutes) {
    return new ProxyServer(id, listen, newRoutes);
  }

  public ProxyServer withListen(List<String> newListen) {
    return new ProxyServer(id, newListen, routes);
  }

  public ProxyServer plusRoute(ProxyRoute route) {
    List<ProxyRoute> more = new ArrayList<>(routes);
    more.add(route);
    return withRoutes(more);
  }
}
