package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RouteSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Each route on its own: its mode, its site, its path's form, and where it sends requests. */
final class RouteCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    for (RouteSpec route : state.proxy().routes()) {
      NodePath at = path(route);
      mode(route, at, found);
      route.path().ifPresent(p -> path(p, at.key("path"), found));
      route.listen().ifPresent(l -> listen(l, at.key("listen"), found));
      if (route.path().isPresent() && route.listen().isEmpty()) {
        site(state, route, at, found);
      }
      if (route.owner().isContainer()) {
        containerUpstream(state, route, at, found);
      } else {
        unitUpstream(route, at, found);
      }
    }
  }

  static NodePath path(RouteSpec route) {
    return NodePath.of(route.owner().isContainer() ? "containers" : "units", route.owner().name())
        .key("routes").index(route.owner().index());
  }

  static String describe(RouteSpec route) {
    return (route.owner().isContainer() ? "container " : "unit ") + Quote.of(route.owner().name());
  }

  private static void mode(RouteSpec route, NodePath at, List<Violation> found) {
    if (route.path().isPresent() == route.listen().isPresent()) {
      found.add(Violation.at(Rule.ROUTES_MODE, at, "a route of " + describe(route) + " needs exactly one of path "
          + "(a subpath on a site, e.g. path: /sonarr) or listen (a listener of its own, e.g. listen: \"127.0.0.1:5543\")"));
    } else if (route.listen().isPresent() && (route.site().isPresent() || route.stripPrefix())) {
      found.add(Violation.at(Rule.ROUTES_MODE, at, "a listen route of " + describe(route)
          + " serves the whole app at /: site and stripPrefix belong to path routes"));
    }
  }

  private static void path(String path, NodePath at, List<Violation> found) {
    boolean form = path.startsWith("/") && !path.equals("/") && !path.endsWith("/") && !path.contains("//")
        && !path.matches(".*[*?#\\s].*")
        && List.of(path.split("/")).stream().noneMatch(s -> s.equals(".") || s.equals(".."));
    if (!form) {
      found.add(Violation.at(Rule.ROUTES_PATH, at, "route path " + Quote.of(path)
          + " must start with /, not be / itself, and have no trailing /, //, . or .. segments, *, ? or #"));
    }
  }

  private static void listen(String listen, NodePath at, List<Violation> found) {
    try {
      ListenAddress.parse("route listen", listen);
    } catch (FormatException e) {
      found.add(Violation.at(e.rule(), at, e.getMessage()));
    }
  }

  private static void site(DesiredState state, RouteSpec route, NodePath at, List<Violation> found) {
    var sites = state.proxy().sites();
    if (route.site().isPresent()) {
      if (!sites.containsKey(route.site().get())) {
        found.add(Violation.at(Rule.ROUTES_SITE, at.key("site"), "route site " + Quote.of(route.site().get())
            + " is not in proxy.sites" + Suggestions.didYouMean(route.site().get(), sites.keySet())));
      }
    } else if (sites.size() != 1) {
      found.add(Violation.at(Rule.ROUTES_SITE, at, sites.isEmpty()
          ? "route path " + Quote.of(route.path().orElseThrow()) + " of " + describe(route)
              + " needs a site: add one under proxy.sites (with listen: [\"127.0.0.1:8443\"])"
          : "a path route of " + describe(route) + " must name its site: one of " + String.join(", ", sites.keySet())));
    }
  }

  private static void containerUpstream(DesiredState state, RouteSpec route, NodePath at, List<Violation> found) {
    if (route.upstream().isPresent()) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, at.key("upstream"), "a route of " + describe(route)
          + " goes to a port the container publishes: use port:, not upstream:"));
      return;
    }
    String publisher = RouteTargets.publisher(state, route.owner().name()).map(c -> c.name()).orElse(route.owner().name());
    List<PortMapping> ports = RouteTargets.loopbackTcpPorts(state, route.owner().name());
    String via = publisher.equals(route.owner().name()) ? "" : " (it lives in " + Quote.of(publisher) + "'s namespace)";
    String list = ports.stream().map(p -> String.valueOf(p.hostPort())).collect(Collectors.joining(", "));
    if (ports.isEmpty()) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, at, "a route of " + describe(route) + " needs a TCP port published on "
          + "loopback by " + Quote.of(publisher) + via + ", e.g. ports: [\"127.0.0.1:8989:8989\"]"));
    } else if (route.port().isPresent() && ports.stream().noneMatch(p -> p.hostPort() == route.port().get())) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, at.key("port"), "route port " + route.port().get() + " of "
          + describe(route) + " is not a loopback TCP port " + Quote.of(publisher) + " publishes" + via + "; it has "
          + list));
    } else if (route.port().isEmpty() && ports.size() > 1) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, at, "a route of " + describe(route) + " must say which port: "
          + Quote.of(publisher) + " publishes " + list + via));
    }
  }

  private static void unitUpstream(RouteSpec route, NodePath at, List<Violation> found) {
    if (route.port().isPresent()) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, at.key("port"), "a route of " + describe(route)
          + " names where the service listens with upstream: \"127.0.0.1:8096\", not port:"));
      return;
    }
    Optional<String> upstream = route.upstream();
    boolean loopback = upstream.map(u -> {
      try {
        return ListenAddress.parse("upstream", u).isLoopback();
      } catch (FormatException e) {
        return false;
      }
    }).orElse(false);
    if (!loopback) {
      found.add(Violation.at(Rule.ROUTES_UPSTREAM, upstream.isPresent() ? at.key("upstream") : at,
          "a route of " + describe(route) + " needs upstream: HOST:PORT on loopback, e.g. upstream: \"127.0.0.1:8096\""
              + upstream.map(u -> "; " + Quote.of(u) + " is not").orElse("")));
    }
  }
}
