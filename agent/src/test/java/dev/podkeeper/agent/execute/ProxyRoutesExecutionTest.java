package dev.podkeeper.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.plan.ProxyObservation;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.testing.FakeReverseProxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route actions carried out on the fake proxy: one pass converges, a second changes nothing, a restart heals. */
class ProxyRoutesExecutionTest {
  private static final DesiredState SEED = RouteStacks.seed();
  private static final ProxyServer USERS = new ProxyServer("users-site", List.of("127.0.0.1:443"),
      List.of(ProxyRoute.onPath("users-route", Optional.empty(), "/mine", false, "127.0.0.1:3000")));

  private final Harness harness = new Harness();
  private final FakeReverseProxy proxy = new FakeReverseProxy().withUserServer(USERS);

  @Test
  void onePassPutsEveryRouteInAndTheNextReadsOnceAndChangesNothing() throws Exception {
    assertThat(pass()).allMatch(r -> r.outcome() == Outcome.OK).hasSize(5);
    int changes = proxy.changes();

    assertThat(plan().actions()).isEmpty();
    assertThat(proxy.changes()).isEqualTo(changes);
    assertThat(proxy.allServers()).contains(USERS);
  }

  @Test
  void aRestartedProxyGetsEveryRouteBackInOnePass() throws Exception {
    pass();
    proxy.restart();

    assertThat(pass()).allMatch(r -> r.outcome() == Outcome.OK).hasSize(5);
    assertThat(plan().actions()).isEmpty();
  }

  @Test
  void aListenerTheProxyRefusesFailsThatRouteAloneAndTheUsersServerStays() throws Exception {
    ProxyServer holdsTheListener = new ProxyServer("users-other", List.of("127.0.0.1:5543"), List.of());
    FakeReverseProxy taken = new FakeReverseProxy().withUserServer(USERS).withUserServer(holdsTheListener);

    List<ActionResult> results = run(taken);

    assertThat(results).filteredOn(r -> r.outcome() != Outcome.OK).singleElement().satisfies(r -> {
      assertThat(r.action().id()).isEqualTo("route-add:127.0.0.1:5543");
      assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("listener address repeated"));
    });
    assertThat(taken.allServers()).contains(USERS, holdsTheListener);
  }

  @Test
  void duplicatedIdsAreCleanedUpToOneCopy() throws Exception {
    pass();
    ProxyRoute sonarr = proxy.read(RouteStacks.PREFIX).route(RouteStacks.PREFIX + "route.sonarr.sonarr").orElseThrow();
    proxy.addRoute(RouteStacks.PREFIX + "site.main", sonarr);
    assertThat(proxy.read(RouteStacks.PREFIX).duplicateIds()).isNotEmpty();

    pass();

    assertThat(proxy.read(RouteStacks.PREFIX).duplicateIds()).isEmpty();
    assertThat(plan().actions()).isEmpty();
  }

  private List<ActionResult> pass() throws InterruptedException {
    return run(proxy);
  }

  private List<ActionResult> run(FakeReverseProxy target) throws InterruptedException {
    Plan plan = Planner.plan(SEED, WorldBuilder.converged(SEED).build(),
        ProxyObservation.seen(target.read(RouteStacks.PREFIX)), PlannerOptions.DEFAULT);
    Executor executor = new Executor(harness.engine, harness.units, harness.files, target, harness.clock,
        harness.clock::advance, new ExecutorOptions(2, Duration.ofSeconds(1)));
    return executor.execute(plan, ObservedState.empty(), r -> {});
  }

  private Plan plan() {
    return Planner.plan(SEED, WorldBuilder.converged(SEED).build(), ProxyObservation.seen(proxy.read(RouteStacks.PREFIX)),
        PlannerOptions.DEFAULT);
  }
}
