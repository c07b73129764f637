package dev.podkeeper.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.ActionInput.ProxyChange;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sites and routes: what a pass does to the reverse proxy, as plan lines and the changes they carry. */
class RoutePlannerTest {
  private static final DesiredState SEED = RouteStacks.seed();

  @Test
  void aFreshProxyGetsTheSiteThenEachRouteThenThePortModeListener() {
    Plan plan = plan(SEED, WorldBuilder.converged(SEED).build(), ProxyObservation.seen(ObservedProxy.empty()));

    assertThat(lines(plan)).containsExactly(
        "site-add main: missing",
        "route-add /qbt: missing",
        "route-add /sonarr: missing",
        "route-add /jellyfin: missing",
        "route-add 127.0.0.1:5543: missing");
    assertThat(plan.action("route-add:/sonarr").orElseThrow().waitsFor()).containsExactly("site-add:main");
  }

  @Test
  void aConvergedProxyCostsNoAction() {
    assertThat(plan(SEED, WorldBuilder.converged(SEED).build(), converged(SEED)).actions()).isEmpty();
  }

  @Test
  void aRouteComesAfterEveryActionOnItsContainer() {
    Plan plan = plan(SEED, WorldBuilder.converged(SEED).withoutContainer("sonarr").build(),
        ProxyObservation.seen(ObservedProxy.empty()));

    assertThat(plan.action("route-add:/sonarr").orElseThrow().waitsFor())
        .containsExactly("site-add:main", "create-container:sonarr");
  }

  @Test
  void aRouteStaysWhileItsContainerIsMissingOrBeingRecreated() {
    Plan plan = plan(SEED, WorldBuilder.converged(SEED).withoutContainer("sonarr").withoutContainer("jellyseerr").build(),
        converged(SEED));

    assertThat(lines(plan)).containsExactly("create-container:sonarr", "create-container:jellyseerr")
        .allMatch(line -> !line.startsWith("route"));
  }

  @Test
  void aChangedUpstreamIsOneUpdateOfThatRouteAlone() {
    DesiredState moved = RouteStacks.parse(RouteStacks.YAML.replace("port: 8080 }", "port: 8081 }"));

    Plan plan = plan(moved, WorldBuilder.converged(moved).build(), converged(SEED));

    assertThat(lines(plan)).containsExactly("route-update /qbt: upstream 127.0.0.1:8080 -> 127.0.0.1:8081");
    assertThat(changes(plan, "route-update:/qbt")).singleElement().isInstanceOf(ProxyOperation.ReplaceRoute.class);
  }

  /** A route is known by its owner and its path or listener: a new listener is a new route, the old one goes. */
  @Test
  void strippingThePrefixIsAnUpdateAndANewListenerANewRoute() {
    DesiredState changed = RouteStacks.parse(RouteStacks.YAML
        .replace("127.0.0.1:5543", "127.0.0.1:5544").replace("[{ path: /sonarr }]", "[{ path: /sonarr, stripPrefix: true }]"));

    Plan plan = plan(changed, WorldBuilder.converged(changed).build(), converged(SEED));

    assertThat(lines(plan)).containsExactly("route-update /sonarr: prefix now stripped",
        "route-add 127.0.0.1:5544: missing", "route-remove 127.0.0.1:5543: not in the file");
  }

  @Test
  void aRouteTheFileNoLongerHasIsRemoved() {
    DesiredState fewer = RouteStacks.parse(RouteStacks.YAML.replace("    routes: [{ path: /sonarr }]\n", "")
        .replace("    routes: [{ listen: \"127.0.0.1:5543\" }]\n", ""));

    Plan plan = plan(fewer, WorldBuilder.converged(fewer).build(), converged(SEED));

    assertThat(lines(plan)).containsExactly("route-remove /sonarr: not in the file",
        "route-remove 127.0.0.1:5543: not in the file");
  }

  @Test
  void aRepeatedIdIsDeletedInEveryCopyAndAddedOnce() {
    ObservedProxy seen = converged(SEED).proxy().orElseThrow();
    ProxyServer site = seen.server(RouteStacks.PREFIX + "site.main").orElseThrow();
    ProxyRoute sonarr = seen.route(RouteStacks.PREFIX + "route.sonarr.sonarr").orElseThrow();
    List<ProxyServer> servers = new ArrayList<>(seen.servers());
    servers.set(servers.indexOf(site), site.plusRoute(sonarr));

    Plan plan = plan(SEED, WorldBuilder.converged(SEED).build(), ProxyObservation.seen(new ObservedProxy(servers, Set.of())));

    assertThat(lines(plan)).containsExactly("route-update /sonarr: duplicated @id");
    assertThat(changes(plan, "route-update:/sonarr")).containsExactly(new ProxyOperation.DeleteAll(sonarr.id()),
        new ProxyOperation.AddRoute(site.id(), sonarr));
  }

  @Test
  void anUnreachableProxyHoldsBackItsRoutesAndNothingElse() {
    Plan plan = plan(SEED, WorldBuilder.converged(SEED).withoutContainer("sonarr").build(),
        ProxyObservation.unreachable("Caddy at http://127.0.0.1:2019 did not answer"));

    assertThat(plan.action("create-container:sonarr").orElseThrow().preset()).isEmpty();
    assertThat(plan.actions().stream().filter(a -> a.kind().domain() == ActionKind.Domain.ROUTE
        || a.kind().domain() == ActionKind.Domain.SITE))
        .hasSize(5)
        .allSatisfy(a -> assertThat(a.preset()).hasValueSatisfying(p -> {
          assertThat(p.outcome()).isEqualTo(Outcome.SKIPPED);
          assertThat(p.reason()).isEqualTo("waiting for Caddy: Caddy at http://127.0.0.1:2019 did not answer");
        }));
  }

  @Test
  void aTailscaleSiteIsAddedWithItsTlsAndItsRoutesAfterIt() {
    DesiredState tls = withSiteTls("tls: tailscale");

    Plan plan = plan(tls, WorldBuilder.converged(tls).build(), ProxyObservation.seen(ObservedProxy.empty()));

    ProxyServer site = ((ProxyOperation.AddServer) changes(plan, "site-add:main").get(0)).server();
    assertThat(site.tls()).isEqualTo(ServerTls.of(SiteTls.TAILSCALE, Optional.of("hwc.example.ts.net")));
    assertThat(plan.action("route-add:/sonarr").orElseThrow().waitsFor()).containsExactly("site-add:main");
    assertThat(plan(tls, WorldBuilder.converged(tls).build(), converged(tls)).actions()).isEmpty();
  }

  @Test
  void aChangedTlsIsOneSiteUpdateThatTheRoutesDoNotWaitFor() {
    DesiredState internal = withSiteTls("tls: internal");

    Plan plan = plan(internal, WorldBuilder.converged(internal).build(), converged(SEED));

    assertThat(lines(plan)).containsExactly("site-update main: tls none -> internal for hwc.example.ts.net");
    assertThat(changes(plan, "site-update:main")).containsExactly(new ProxyOperation.SetTls(
        RouteStacks.PREFIX + "site.main", ServerTls.of(SiteTls.INTERNAL, Optional.of("hwc.example.ts.net"))));
  }

  @Test
  void aTlsObjectTheSiteNoLongerUsesIsReplacedAndOneWithoutItsSiteRemoved() {
    String site = RouteStacks.PREFIX + "site.main";
    ObservedProxy seen = converged(SEED).proxy().orElseThrow();
    ObservedProxy leftovers = new ObservedProxy(seen.servers(), Set.of(),
        Set.of(ProxyIds.tlsPolicy(site), ProxyIds.certificateFiles(RouteStacks.PREFIX + "site.old")));

    Plan plan = plan(SEED, WorldBuilder.converged(SEED).build(), ProxyObservation.seen(leftovers));

    assertThat(lines(plan)).containsExactly("site-update main: leftover " + ProxyIds.tlsPolicy(site),
        "site-remove old: TLS left without its site");
    assertThat(changes(plan, "site-update:main")).containsExactly(new ProxyOperation.SetTls(site, ServerTls.NONE));
  }

  @Test
  void reorderingAContainersRoutesChangesNothingInTheProxy() {
    String two = "routes: [{ path: /sonarr }, { path: /sonarr-api, stripPrefix: true }]";
    DesiredState before = RouteStacks.parse(RouteStacks.YAML.replace("routes: [{ path: /sonarr }]", two));
    DesiredState after = RouteStacks.parse(RouteStacks.YAML.replace("routes: [{ path: /sonarr }]",
        "routes: [{ path: /sonarr-api, stripPrefix: true }, { path: /sonarr }]"));

    assertThat(plan(after, WorldBuilder.converged(after).build(), converged(before)).actions()).isEmpty();
  }

  @Test
  void aFileWithoutRoutesNeverTouchesTheProxy() {
    assertThat(plan(SEED, WorldBuilder.converged(SEED).build(), ProxyObservation.notRead()).actions()).isEmpty();
  }

  private static Plan plan(DesiredState desired, ObservedWorld world, ProxyObservation proxy) {
    return Planner.plan(desired, world, proxy, PlannerOptions.DEFAULT);
  }

  /** What a proxy holds after every route of {@code desired} was put in. */
  static ProxyObservation converged(DesiredState desired) {
    List<ProxyServer> servers = DesiredRoutes.of(desired).stream()
        .map(s -> s.server().withRoutes(s.routes().stream().map(DesiredRoutes.Route::route).toList()))
        .toList();
    Set<String> tls = servers.stream().flatMap(s -> ProxyIds.tlsObjects(s.id(), s.tls()).stream())
        .collect(Collectors.toSet());
    return ProxyObservation.seen(new ObservedProxy(servers, Set.of(), tls));
  }

  private static DesiredState withSiteTls(String tls) {
    return RouteStacks.parse(RouteStacks.YAML.replace("listen: [\"127.0.0.1:8443\"] }",
        "listen: [\"127.0.0.1:8443\"], " + tls + " }"));
  }

  private static List<String> lines(Plan plan) {
    return plan.actions().stream().map(a -> a.kind().domain() == ActionKind.Domain.CONTAINER ? a.id() : a.describe())
        .toList();
  }

  private static List<ProxyOperation> changes(Plan plan, String id) {
    return plan.action(id).orElseThrow().input(ProxyChange.class).operations();
  }
}
