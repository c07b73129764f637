package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.ProxyChange;
import dev.podkeeper.agent.plan.ActionKind.Domain;
import dev.podkeeper.agent.plan.DesiredRoutes.Route;
import dev.podkeeper.agent.plan.DesiredRoutes.Server;
import dev.podkeeper.agent.plan.ProxyOperation.AddRoute;
import dev.podkeeper.agent.plan.ProxyOperation.AddServer;
import dev.podkeeper.agent.plan.ProxyOperation.DeleteAll;
import dev.podkeeper.agent.plan.ProxyOperation.ReplaceRoute;
import dev.podkeeper.agent.plan.ProxyOperation.SetListen;
import dev.podkeeper.agent.plan.ProxyOperation.SetTls;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sites and routes in the reverse proxy, after everything else: a route waits for its container's (or unit's)
 * actions of the pass, and for its site. A route is removed only when the file no longer has it, never because
 * its container is down or being recreated (clients then get 502, not 404). A repeated {@code @id} is deleted in
 * every copy and added once. When the proxy cannot be read, every desired site and route waits ("waiting for
 * Caddy") and nothing else is held back.
 */
final class RoutePlanner {
  private RoutePlanner() {}

  static void plan(PlanBuilder plan, DesiredState desired, ProxyObservation observation) {
    List<Server> servers = DesiredRoutes.of(desired);
    if (observation.unreachable().isPresent()) {
      waitForProxy(plan, servers, observation.unreachable().get());
      return;
    }
    if (observation.proxy().isEmpty()) {
      return;
    }
    ObservedProxy observed = observation.proxy().get();
    Map<String, Long> duplicates = observed.duplicateIds();
    for (Server server : servers) {
      if (server.portMode()) {
        portMode(plan, server, observed, duplicates);
      } else {
        site(plan, server, observed, duplicates);
      }
    }
    removeWhatTheFileNoLongerHas(plan, servers, observed, DesiredRoutes.prefix(desired.stack()));
  }

  private static void waitForProxy(PlanBuilder plan, List<Server> servers, String why) {
    for (Server server : servers) {
      ActionKind kind = server.portMode() ? ActionKind.ROUTE_ADD : ActionKind.SITE_ADD;
      plan.add(Action.of(kind, server.target(), "state unknown", none()).skipping("waiting for Caddy: " + why));
      if (!server.portMode()) {
        server.routes().forEach(r -> plan.add(Action.of(ActionKind.ROUTE_ADD, r.target(), "state unknown", none())
            .skipping("waiting for Caddy: " + why)));
      }
    }
  }

  private static void site(PlanBuilder plan, Server site, ObservedProxy observed, Map<String, Long> duplicates) {
    String id = site.server().id();
    Optional<ProxyServer> seen = observed.server(id);
    List<String> siteWait = new ArrayList<>();
    if (seen.isEmpty() || duplicates.containsKey(id)) {
      // A new site (or one whose copies are all deleted) is added with its listeners only: each route follows
      // its own container.
      List<ProxyOperation> ops = new ArrayList<>();
      seen.ifPresent(s -> ops.add(new DeleteAll(id)));
      ops.add(new AddServer(site.server()));
      siteWait.add(plan.add(Action.of(ActionKind.SITE_ADD, site.target(), seen.isEmpty() ? "missing" : "duplicated @id",
          new ProxyChange(ops))));
      site.routes().forEach(r -> plan.add(routeAction(plan, ActionKind.ROUTE_ADD, r, "missing",
          List.of(new AddRoute(id, r.route())), siteWait)));
      return;
    }
    if (!seen.get().listen().equals(site.server().listen())) {
      siteWait.add(plan.add(Action.of(ActionKind.SITE_UPDATE, site.target(),
          "listen " + seen.get().listen() + " -> " + site.server().listen(),
          new ProxyChange(List.of(new SetListen(id, site.server().listen()))))));
    }
    ServerTls tls = site.server().tls();
    if (!seen.get().tls().equals(tls) || !leftoverTls(id, tls, observed).isEmpty()) {
      String cause = seen.get().tls().equals(tls) ? "leftover " + String.join(", ", leftoverTls(id, tls, observed))
          : "tls " + seen.get().tls().describe() + " -> " + tls.describe();
      siteWait.add(plan.add(Action.of(ActionKind.SITE_UPDATE, site.target(), cause,
          new ProxyChange(List.of(new SetTls(id, tls))))));
    }
    for (Route route : site.routes()) {
      routeOnSite(plan, id, route, observed, duplicates, siteWait);
    }
  }

  /** The server's TLS objects in the proxy that its TLS does not use (one of a half-made change, say). */
  private static List<String> leftoverTls(String serverId, ServerTls tls, ObservedProxy observed) {
    List<String> wanted = ProxyIds.tlsObjects(serverId, tls);
    return observed.tlsObjectsOf(serverId).stream().filter(o -> !wanted.contains(o)).toList();
  }

  private static void routeOnSite(PlanBuilder plan, String siteId, Route route, ObservedProxy observed,
      Map<String, Long> duplicates, List<String> siteWait) {
    String id = route.route().id();
    Optional<ProxyRoute> seen = observed.route(id);
    Optional<String> seenIn = observed.serverOfRoute(id).map(ProxyServer::id);
    if (seen.isEmpty()) {
      plan.add(routeAction(plan, ActionKind.ROUTE_ADD, route, "missing", List.of(new AddRoute(siteId, route.route())),
          siteWait));
    } else if (duplicates.containsKey(id) || !seenIn.equals(Optional.of(siteId))) {
      String cause = duplicates.containsKey(id) ? "duplicated @id" : "on another site";
      plan.add(routeAction(plan, ActionKind.ROUTE_UPDATE, route, cause,
          List.of(new DeleteAll(id), new AddRoute(siteId, route.route())), siteWait));
    } else if (!seen.get().equals(route.route())) {
      plan.add(routeAction(plan, ActionKind.ROUTE_UPDATE, route, difference(seen.get(), route.route()),
          List.of(new ReplaceRoute(route.route())), siteWait));
    }
  }

  private static void portMode(PlanBuilder plan, Server server, ObservedProxy observed, Map<String, Long> duplicates) {
    String id = server.server().id();
    Route route = server.routes().get(0);
    Optional<ProxyServer> seen = observed.server(id);
    if (seen.isEmpty()) {
      plan.add(routeAction(plan, ActionKind.ROUTE_ADD, route, "missing", List.of(new AddServer(server.server())),
          List.of()));
    } else if (duplicates.containsKey(id) || duplicates.containsKey(route.route().id())
        || !seen.get().routes().equals(server.server().routes())) {
      String cause = duplicates.containsKey(id) || duplicates.containsKey(route.route().id()) ? "duplicated @id"
          : seen.get().routes().size() == 1 ? difference(seen.get().routes().get(0), route.route()) : "routes changed";
      plan.add(routeAction(plan, ActionKind.ROUTE_UPDATE, route, cause,
          List.of(new DeleteAll(id), new DeleteAll(route.route().id()), new AddServer(server.server())), List.of()));
    } else if (!seen.get().listen().equals(server.server().listen())) {
      plan.add(routeAction(plan, ActionKind.ROUTE_UPDATE, route, "listen " + seen.get().listen() + " -> "
          + server.server().listen(), List.of(new SetListen(id, server.server().listen())), List.of()));
    }
  }

  private static void removeWhatTheFileNoLongerHas(PlanBuilder plan, List<Server> servers, ObservedProxy observed,
      String prefix) {
    Set<String> desiredIds = new HashSet<>();
    servers.forEach(s -> {
      desiredIds.add(s.server().id());
      s.routes().forEach(r -> desiredIds.add(r.route().id()));
    });
    Set<String> removed = new HashSet<>();
    for (ProxyServer server : observed.servers()) {
      boolean portMode = server.id().startsWith(prefix + "listen.");
      if (!desiredIds.contains(server.id())) {
        if (removed.add(server.id())) {
          ActionKind kind = portMode ? ActionKind.ROUTE_REMOVE : ActionKind.SITE_REMOVE;
          String target = portMode ? String.join(",", server.listen()) : server.id().substring(prefix.length())
              .replaceFirst("^site\\.", "");
          List<ProxyOperation> ops = new ArrayList<>();
          ops.add(new DeleteAll(server.id()));
          observed.tlsObjectsOf(server.id()).forEach(o -> ops.add(new DeleteAll(o)));
          plan.add(Action.of(kind, target, "not in the file", new ProxyChange(ops)));
        }
        continue;
      }
      for (ProxyRoute route : server.routes()) {
        if (!desiredIds.contains(route.id()) && removed.add(route.id())) {
          plan.add(Action.of(ActionKind.ROUTE_REMOVE, route.path().orElse(route.id()), "not in the file",
              new ProxyChange(List.of(new DeleteAll(route.id())))));
        }
      }
    }
    for (String tlsObject : observed.tlsObjects()) {
      String serverId = ProxyIds.serverOfTlsObject(tlsObject);
      if (!desiredIds.contains(serverId) && observed.server(serverId).isEmpty()) {
        plan.add(Action.of(ActionKind.SITE_REMOVE, serverId.substring(prefix.length()).replaceFirst("^site\\.", ""),
            "TLS left without its site", new ProxyChange(List.of(new DeleteAll(tlsObject)))));
      }
    }
  }

  /** A route action after its site's and after every action of the pass on its container or unit. */
  private static Action routeAction(PlanBuilder plan, ActionKind kind, Route route, String cause,
      List<ProxyOperation> ops, List<String> siteWait) {
    Domain ownerDomain = route.owner().isContainer() ? Domain.CONTAINER : Domain.UNIT;
    List<String> waits = new ArrayList<>(siteWait);
    waits.addAll(plan.idsFor(ownerDomain, route.owner().name()));
    return Action.of(kind, route.target(), cause, new ProxyChange(ops)).waitingFor(waits);
  }

  /** What changed, in the words {@code plan} prints: {@code upstream changed}, {@code prefix now stripped}, ... */
  static String difference(ProxyRoute seen, ProxyRoute wanted) {
    List<String> changes = new ArrayList<>();
    if (!seen.upstream().equals(wanted.upstream())) {
      changes.add("upstream " + seen.upstream() + " -> " + wanted.upstream());
    }
    if (!seen.path().equals(wanted.path())) {
      changes.add("path " + seen.path().orElse("(none)") + " -> " + wanted.path().orElse("(none)"));
    }
    if (seen.stripPrefix() != wanted.stripPrefix()) {
      changes.add(wanted.stripPrefix() ? "prefix now stripped" : "prefix now kept");
    }
    if (!seen.host().equals(wanted.host())) {
      changes.add("host " + seen.host().orElse("(any)") + " -> " + wanted.host().orElse("(any)"));
    }
    return changes.isEmpty() ? "changed" : String.join(", ", changes);
  }

  private static ActionInput none() {
    return new ActionInput.None();
  }
}
