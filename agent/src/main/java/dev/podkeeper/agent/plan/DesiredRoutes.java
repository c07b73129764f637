package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.desired.RouteSpec.RouteOwner;
import dev.podkeeper.model.desired.SiteSpec;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import dev.podkeeper.model.validate.RouteTargets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file's sites and routes as the servers and routes podkeeper keeps in the proxy. Ids are
 * {@code podkeeper.<stack>.site.<site>} for a site, {@code podkeeper.<stack>.listen.<owner>.<listener>} for a
 * port-mode listener and {@code podkeeper.<stack>.route.<owner>.<path or listener>} for a route (e.g.
 * {@code podkeeper.media.route.sonarr.sonarr}), so that a route keeps its id while its upstream or prefix handling
 * change and wherever it stands in its owner's {@code routes:}. A site's TLS objects take its id with {@code ~tls}
 * or {@code ~cert} ({@link ProxyIds#tlsObjects}).
 */
final class DesiredRoutes {
  /** One server to keep: a site (its routes planned one by one) or a port-mode listener (with its one route). */
  record Server(ProxyServer server, String target, boolean portMode, List<Route> routes) {
    Server {
      requireNonNull(server, "server is null");
      requireNonNull(target, "target is null");
      routes = List.copyOf(routes);
    }
  }

  /** @param target how plans and logs name it: the path (with its site when there are several), or the listener */
  record Route(ProxyRoute route, String target, RouteOwner owner) {
    Route {
      requireNonNull(route, "route is null");
      requireNonNull(target, "target is null");
      requireNonNull(owner, "owner is null");
    }
  }

  private DesiredRoutes() {}

  static String prefix(String stack) {
    return ProxyIds.prefix(stack);
  }

  static List<Server> of(DesiredState desired) {
    String prefix = prefix(desired.stack());
    boolean oneSite = desired.proxy().sites().size() == 1;
    RouteIds ids = new RouteIds(prefix);
    List<Server> servers = new ArrayList<>();
    for (SiteSpec site : desired.proxy().sites().values()) {
      List<Route> routes = new ArrayList<>();
      for (RouteSpec spec : desired.proxy().routes()) {
        if (spec.path().isPresent() && siteOf(spec, oneSite, desired).equals(Optional.of(site.name()))) {
          String path = spec.path().get();
          ProxyRoute route = ProxyRoute.onPath(ids.route(spec.owner(), path), site.host(), path, spec.stripPrefix(),
              upstream(desired, spec));
          routes.add(new Route(route, oneSite ? path : site.name() + ":" + path, spec.owner()));
        }
      }
      ProxyServer server = new ProxyServer(prefix + "site." + safe(site.name()), site.listen(), List.of(),
          ServerTls.of(site.tls(), site.host()));
      servers.add(new Server(server, site.name(), false, routes));
    }
    for (RouteSpec spec : desired.proxy().routes()) {
      spec.listen().ifPresent(listen -> {
        ProxyRoute route = ProxyRoute.wholeServer(ids.route(spec.owner(), listen), upstream(desired, spec));
        String serverId = prefix + "listen." + safe(spec.owner().name()) + "." + safe(listen);
        servers.add(new Server(new ProxyServer(serverId, List.of(listen), List.of(route)), listen, true,
            List.of(new Route(route, listen, spec.owner()))));
      });
    }
    return servers;
  }

  private static Optional<String> siteOf(RouteSpec spec, boolean oneSite, DesiredState desired) {
    return spec.site().isPresent() || !oneSite
        ? spec.site()
        : desired.proxy().sites().keySet().stream().findFirst();
  }

  /** A validated file always has an upstream; the placeholder only keeps a hand-built state plannable. */
  private static String upstream(DesiredState desired, RouteSpec spec) {
    return RouteTargets.upstream(desired, spec).orElse("127.0.0.1:0");
  }

  /**
   * Names go into ids as they are when they can, with anything an admin URL would need escaped replaced, and
   * {@code ~}, which marks the ids of TLS objects.
   */
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /**
   * Route ids from their owner and path (or listener), not their place in the owner's list, so that reordering
   * {@code routes:} changes nothing in the proxy. Two of one owner's routes whose names make the same id (say
   * {@code /a/b} and {@code /a-b}) are kept apart by a counter on the later one.
   */
  private static final class RouteIds {
    private final String prefix;
    private final Set<String> taken = new HashSet<>();

    RouteIds(String prefix) {
      this.prefix = prefix;
    }

    String route(RouteOwner owner, String pathOrListen) {
      String base = prefix + "route." + safe(owner.name()) + "." + safe(pathOrListen.replaceFirst("^/", ""));
      String id = base;
      for (int n = 2; !taken.add(id); n++) {
        id = base + "." + n;
      }
      return id;
    }
  }
}
