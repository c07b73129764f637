package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.desired.RouteSpec.RouteOwner;
import dev.podkeeper.model.desired.SiteSpec;
import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.validate.RouteTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file's sites and routes as the servers and routes podkeeper keeps in the proxy. Ids are
 * {@code podkeeper.<stack>.site.<site>} for a site, {@code podkeeper.<stack>.listen.<owner>.<n>} for a port-mode
 * listener and {@code podkeeper.<stack>.route.<owner>.<n>} for a route (the n-th of its container's or unit's
 * {@code routes:}), so that one route keeps its id while its path, upstream or prefix handling change.
 */
final class DesiredRoutes {
  /**
   * One server to keep: a site (its routes planned one by one) or a port-mode listener (with its one route).
   *
   * @param notKept why podkeeper cannot keep this server as the file asks (TLS it does not configure yet)
   */
  record Server(ProxyServer server, String target, boolean portMode, List<Route> routes, Optional<String> notKept) {
    Server {
      requireNonNull(server, "server is null");
      requireNonNull(target, "target is null");
      routes = List.copyOf(routes);
      requireNonNull(notKept, "notKept is null");
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
    List<Server> servers = new ArrayList<>();
    for (SiteSpec site : desired.proxy().sites().values()) {
      List<Route> routes = new ArrayList<>();
      for (RouteSpec spec : desired.proxy().routes()) {
        if (spec.path().isPresent() && siteOf(spec, oneSite, desired).equals(Optional.of(site.name()))) {
          String path = spec.path().get();
          ProxyRoute route = ProxyRoute.onPath(routeId(prefix, spec.owner()), site.host(), path, spec.stripPrefix(),
              upstream(desired, spec));
          routes.add(new Route(route, oneSite ? path : site.name() + ":" + path, spec.owner()));
        }
      }
      servers.add(new Server(new ProxyServer(prefix + "site." + safe(site.name()), site.listen(), List.of()),
          site.name(), false, routes, tlsNotKept(site)));
    }
    for (RouteSpec spec : desired.proxy().routes()) {
      spec.listen().ifPresent(listen -> {
        ProxyRoute route = ProxyRoute.wholeServer(routeId(prefix, spec.owner()), upstream(desired, spec));
        String serverId = prefix + "listen." + safe(spec.owner().name()) + "." + spec.owner().index();
        servers.add(new Server(new ProxyServer(serverId, List.of(listen), List.of(route)), listen, true,
            List.of(new Route(route, listen, spec.owner())), Optional.empty()));
      });
    }
    return servers;
  }

  /**
   * The adapter writes plain-HTTP servers only: a site that asks for TLS is not put in at all, rather than served
   * without it on an address that clients expect to be encrypted.
   */
  private static Optional<String> tlsNotKept(SiteSpec site) {
    if (site.tls().equals(SiteTls.NONE)) {
      return Optional.empty();
    }
    String tls = site.tls() instanceof SiteTls.Word word ? word.word() : "certFile/keyFile";
    return Optional.of("site " + site.name() + " asks for tls " + tls + ", which podkeeper does not configure in Caddy"
        + " yet; use tls: none (the default) and terminate TLS in a Caddy site of your own");
  }

  private static Optional<String> siteOf(RouteSpec spec, boolean oneSite, DesiredState desired) {
    return spec.site().isPresent() || !oneSite
        ? spec.site()
        : desired.proxy().sites().keySet().stream().findFirst();
  }

  private static String routeId(String prefix, RouteOwner owner) {
    return prefix + "route." + safe(owner.name()) + "." + owner.index();
  }

  /** A validated file always has an upstream; the placeholder only keeps a hand-built state plannable. */
  private static String upstream(DesiredState desired, RouteSpec spec) {
    return RouteTargets.upstream(desired, spec).orElse("127.0.0.1:0");
  }

  /** Names go into ids as they are when they can, with anything an admin URL would need escaped replaced. */
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._~-]", "-");
  }
}
