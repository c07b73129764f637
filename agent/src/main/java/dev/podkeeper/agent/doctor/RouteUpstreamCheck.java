package dev.podkeeper.agent.doctor;

import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.validate.RouteTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's "Caddy returns 502": every route's upstream answers an HTTP GET of the path Caddy would send it.
 * Any HTTP answer counts (a 404 or a login redirect is the application speaking); a refused or silent upstream
 * is what makes Caddy answer 502.
 */
final class RouteUpstreamCheck implements Check {
  static final String NAME = "route";

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    for (RouteSpec route : facts.desired().proxy().routes()) {
      String target = target(route);
      String upstream = RouteTargets.upstream(facts.desired(), route).orElse("?");
      Probes.Answer answer = facts.upstreams().get(target);
      if (answer == null) {
        continue; // no upstream to dial: validation reports such a file
      }
      String owner = route.owner().name();
      if (answer.answered()) {
        findings.add(Finding.ok(NAME, target, upstream + " answers GET " + path(route) + " with " + answer.status()));
      } else {
        String why = answer.refusedConnection() ? "nothing listens on " + upstream : upstream + ": " + answer.why();
        String fix = route.owner().isContainer()
            ? "make " + owner + " answer on " + upstream + " (see its container and port checks), or route to the "
                + "port it publishes"
            : "start " + owner + " (`systemctl status " + owner + "`), or fix the route's upstream";
        findings.add(Finding.fail(NAME, target, "Caddy would answer 502 for " + target + ": " + why, fix));
      }
    }
    return findings;
  }

  /** How a person names the route: its path, or its own listen address. */
  static String target(RouteSpec route) {
    return route.path().or(route::listen).orElse(route.owner().name());
  }

  private static String path(RouteSpec route) {
    return route.stripPrefix() ? "/" : route.path().orElse("/");
  }
}
