package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.ActionKind.Domain;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.proxy.ProxyRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * The file's sites and routes as objects of the stack, named as their actions name them (a site by its name, a
 * route by its path, with its site when there are several, or by its listener), for {@code status} and the
 * pass's count of converged objects.
 */
public final class ProxyObjects {
  /** @param desired what the file asks of it, in status's words: {@code to 127.0.0.1:8989 (container sonarr)} */
  public record ProxyObject(Domain domain, String target, String desired) {
    public ProxyObject {
      requireNonNull(domain, "domain is null");
      requireNonNull(target, "target is null");
      requireNonNull(desired, "desired is null");
    }
  }

  private ProxyObjects() {}

  public static List<ProxyObject> of(DesiredState desired) {
    List<ProxyObject> objects = new ArrayList<>();
    for (DesiredRoutes.Server server : DesiredRoutes.of(desired)) {
      if (!server.portMode()) {
        String tls = server.server().tls().none() ? "" : ", tls " + server.server().tls().describe();
        objects.add(new ProxyObject(Domain.SITE, server.target(),
            "listening on " + String.join(", ", server.server().listen()) + tls));
      }
      for (DesiredRoutes.Route route : server.routes()) {
        objects.add(new ProxyObject(Domain.ROUTE, route.target(), routeText(route)));
      }
    }
    return objects;
  }

  private static String routeText(DesiredRoutes.Route route) {
    ProxyRoute proxied = route.route();
    String owner = (route.owner().isContainer() ? "container " : "unit ") + route.owner().name();
    return "to " + proxied.upstream() + " (" + owner + (proxied.stripPrefix() ? ", prefix stripped" : "") + ")";
  }
}
