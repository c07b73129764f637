package dev.podkeeper.model.proxy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One server (a set of listeners and their routes) podkeeper keeps in the reverse proxy: a site, or the listener
 * of a port-mode route.
 *
 * @param id the server's {@code @id}, also its key among the proxy's servers
 * @param listen the addresses it listens on, {@code host:port}
 * @param tls how its listeners speak TLS ({@link ServerTls#NONE}: plain HTTP)
 */
public record ProxyServer(String id, List<String> listen, List<ProxyRoute> routes, ServerTls tls) {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]*");

  public ProxyServer {
    requireNonNull(id, "id is null");
    listen = List.copyOf(requireNonNull(listen, "listen is null"));
    routes = List.copyOf(requireNonNull(routes, "routes is null"));
    requireNonNull(tls, "tls is null");
    requireSafeId(id);
    if (listen.isEmpty()) {
      throw new IllegalArgumentException("server " + id + " listens nowhere");
    }
  }

  /** A plain-HTTP server. */
  public ProxyServer(String id, List<String> listen, List<ProxyRoute> routes) {
    this(id, listen, routes, ServerTls.NONE);
  }

  /** Ids go into admin URLs ({@code /id/<id>}) as they are: no slash, no space, nothing to escape. */
  static void requireSafeId(String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("proxy object id must match " + SAFE_ID + ": " + id);
    }
  }

  public ProxyServer withRoutes(List<ProxyRoute> newRoutes) {
    return new ProxyServer(id, listen, newRoutes, tls);
  }

  public ProxyServer withListen(List<String> newListen) {
    return new ProxyServer(id, newListen, routes, tls);
  }

  public ProxyServer withTls(ServerTls newTls) {
    return new ProxyServer(id, listen, routes, newTls);
  }

  public ProxyServer plusRoute(ProxyRoute route) {
    List<ProxyRoute> more = new ArrayList<>(routes);
    more.add(route);
    return withRoutes(more);
  }
}
