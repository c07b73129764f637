package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.desired.SiteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What routes and sites may not share: a path on one site (or a path inside another's), and a listener (with
 * another listener, or with a host port a container publishes: Caddy could not bind it, or would take it).
 */
final class ProxyClashCheck implements Check {
  private record Listener(ListenAddress address, String text, String owner, NodePath path) {}

  private record SitePath(String site, String path, String owner, NodePath at) {}

  @Override
  public void check(DesiredState state, List<Violation> found) {
    List<Listener> listeners = new ArrayList<>();
    for (SiteSpec site : state.proxy().sites().values()) {
      NodePath at = NodePath.of("proxy", "sites", site.name()).key("listen");
      if (site.listen().isEmpty()) {
        found.add(Violation.at(Rule.PROXY_LISTEN, at, "site " + Quote.of(site.name())
            + " listens nowhere; give it listen: [\"127.0.0.1:8443\"]"));
      }
      for (int i = 0; i < site.listen().size(); i++) {
        listener(site.listen().get(i), "site " + Quote.of(site.name()), at.index(i), listeners, found);
      }
    }
    List<SitePath> paths = new ArrayList<>();
    for (RouteSpec route : state.proxy().routes()) {
      NodePath at = RouteCheck.path(route);
      route.listen().ifPresent(l -> listener(l, "the route of " + RouteCheck.describe(route), at.key("listen"),
          listeners, null));
      siteOf(state, route).ifPresent(site -> route.path().ifPresent(p ->
          sitePath(new SitePath(site, p, RouteCheck.describe(route), at.key("path")), paths, found)));
    }
    for (int i = 0; i < listeners.size(); i++) {
      Listener current = listeners.get(i);
      for (Listener earlier : listeners.subList(0, i)) {
        if (current.address().clashesWith(earlier.address().address(), earlier.address().port())) {
          found.add(Violation.at(Rule.ROUTES_LISTEN_CLASH, current.path(), "listener " + Quote.of(current.text())
              + " of " + current.owner() + " clashes with " + Quote.of(earlier.text()) + " of " + earlier.owner())
              .relatedTo(earlier.path()));
          break;
        }
      }
      publishedClash(state, current, found);
    }
  }

  /** A path route's site: the one it names, or the only one. */
  private static Optional<String> siteOf(DesiredState state, RouteSpec route) {
    if (route.site().isPresent()) {
      return route.site().filter(state.proxy().sites()::containsKey);
    }
    return state.proxy().sites().size() == 1 ? state.proxy().sites().keySet().stream().findFirst() : Optional.empty();
  }

  private static void sitePath(SitePath current, List<SitePath> earlier, List<Violation> found) {
    for (SitePath other : earlier) {
      if (!other.site().equals(current.site())) {
        continue;
      }
      String p = current.path();
      String o = other.path();
      if (p.equals(o) || p.startsWith(o + "/") || o.startsWith(p + "/")) {
        String how = p.equals(o) ? "is also the path of " + other.owner()
            : p.startsWith(o + "/") ? "nests inside " + Quote.of(o) + " of " + other.owner()
            : "has " + Quote.of(o) + " of " + other.owner() + " inside it";
        found.add(Violation.at(Rule.ROUTES_PATH_CLASH, current.at(), "route path " + Quote.of(p) + " of "
            + current.owner() + " on site " + Quote.of(current.site()) + " " + how)
            .relatedTo(other.at()));
        return;
      }
    }
    earlier.add(current);
  }

  /** Adds a well-formed listener; one that does not parse is reported here for sites, by RouteCheck for routes. */
  private static void listener(String text, String owner, NodePath at, List<Listener> listeners, List<Violation> found) {
    try {
      listeners.add(new Listener(ListenAddress.parse("listen", text), text, owner, at));
    } catch (FormatException e) {
      if (found != null) {
        found.add(Violation.at(e.rule(), at, e.getMessage()));
      }
    }
  }

  private static void publishedClash(DesiredState state, Listener listener, List<Violation> found) {
    for (ContainerSpec c : state.containers().values()) {
      for (int i = 0; i < c.ports().size(); i++) {
        PortMapping port = c.ports().get(i);
        if (port.protocol() == PortMapping.Protocol.TCP
            && listener.address().clashesWith(IpAddresses.parse(port.hostIp()), port.hostPort())) {
          found.add(Violation.at(Rule.ROUTES_LISTEN_CLASH, listener.path(), "listener " + Quote.of(listener.text())
              + " of " + listener.owner() + " is a host port container " + Quote.of(c.name())
              + " publishes; give the proxy a port of its own").relatedTo(Check.container(c.name()).key("ports").index(i)));
          return;
        }
      }
    }
  }
}
