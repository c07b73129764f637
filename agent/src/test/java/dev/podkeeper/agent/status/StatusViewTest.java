package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.plan.ProxyObservation;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private static final Instant UNTIL = NOW.plusSeconds(40);

  private final DesiredState desired = new DesiredState(Path.of("/etc/podkeeper/stack.yaml"), "demo", Defaults.NONE,
      Map.of("media", new NetworkSpec("media", Optional.empty(), Optional.empty(), true)), List.of(), Map.of(),
      Map.of(), inFileOrder(container("vpn"), container("sonarr"), container("radarr")));

  private static Map<String, ContainerSpec> inFileOrder(ContainerSpec... containers) {
    Map<String, ContainerSpec> ordered = new LinkedHashMap<>();
    for (ContainerSpec c : containers) {
      ordered.put(c.name(), c);
    }
    return ordered;
  }

  private static ContainerSpec container(String name) {
    return ContainerSpec.builder(name, "localhost/x:1", new NetworkAttachment.Bridge("media")).build();
  }

  private static Action action(ActionKind kind, String target, String cause) {
    return Action.of(kind, target, cause, new ActionInput.None());
  }

  private static ActionResult result(Action action, Outcome outcome, String error) {
    return new ActionResult(action, outcome, NOW, 3, outcome == Outcome.OK ? Optional.empty() : Optional.of(error));
  }

  @Test
  void eachSiteAndRouteIsARowAndWaitsForCaddyWhenItDoesNotAnswer() {
    DesiredState routes = RouteStacks.seed();
    Plan plan = Planner.plan(routes, WorldBuilder.converged(routes).build(),
        ProxyObservation.unreachable("Caddy at http://127.0.0.1:2019 did not answer"), PlannerOptions.DEFAULT);

    List<ObjectStatus> rows = new StatusView(routes, Optional.empty(), name -> Optional.empty())
        .rows(plan.actions().stream().map(ActionStep::planned).toList(), Map.of());

    assertThat(rows.stream().filter(r -> r.kind().equals("site") || r.kind().equals("route")))
        .extracting(ObjectStatus::kind, ObjectStatus::name, ObjectStatus::desired, ObjectStatus::reason)
        .containsExactly(
            tuple("site", "main", "listening on 127.0.0.1:8443", Optional.of(WAITING)),
            tuple("route", "/qbt", "to 127.0.0.1:8080 (container qbittorrent, prefix stripped)", Optional.of(WAITING)),
            tuple("route", "/sonarr", "to 127.0.0.1:8989 (container sonarr)", Optional.of(WAITING)),
            tuple("route", "/jellyfin", "to 127.0.0.1:8096 (unit jellyfin.service)", Optional.of(WAITING)),
            tuple("route", "127.0.0.1:5543", "to 127.0.0.1:5055 (container jellyseerr)", Optional.of(WAITING)));
  }

  private static final String WAITING = "waiting for Caddy: Caddy at http://127.0.0.1:2019 did not answer";

  @Test
  void aFreshViewSaysWhatIsThereAndWhatWouldBeDone() {
    ObservedState observed = new ObservedState(List.of(
        new ObservedContainer("1", "vpn", "localhost/x:1", Map.of(), ContainerStatus.RUNNING, HealthStatus.HEALTHY,
            Optional.of(NOW), Optional.empty(), Optional.empty()),
        new ObservedContainer("2", "sonarr", "localhost/x:1", Map.of(), ContainerStatus.EXITED, HealthStatus.NONE,
            Optional.of(NOW), Optional.empty(), Optional.empty()),
        new ObservedContainer("3", "old", "localhost/x:1", Map.of(), ContainerStatus.RUNNING, HealthStatus.NONE,
            Optional.of(NOW), Optional.empty(), Optional.empty())), List.of(), Map.of());
    List<ActionStep> plan = List.of(
        ActionStep.planned(action(ActionKind.REMOVE_CONTAINER, "old", "not in the file")),
        ActionStep.planned(action(ActionKind.CREATE_NETWORK, "media", "missing")),
        ActionStep.planned(action(ActionKind.START_CONTAINER, "sonarr", "exited")),
        ActionStep.planned(action(ActionKind.CREATE_CONTAINER, "radarr", "missing")));

    List<ObjectStatus> rows = new StatusView(desired, Optional.of(observed), name -> Optional.empty()).rows(plan, Map.of());

    assertThat(rows).extracting(ObjectStatus::name, ObjectStatus::actual, ObjectStatus::state).containsExactly(
        tuple("media", "absent", ObjectState.MISSING),
        tuple("vpn", "running (healthy)", ObjectState.OK),
        tuple("sonarr", "exited", ObjectState.STOPPED),
        tuple("radarr", "absent", ObjectState.MISSING),
        tuple("old", "running", ObjectState.ORPHANED));
  }

  @Test
  void theAgentsViewShowsOutcomesBackoffsAndTheLastActionOfEarlierPasses() {
    StatusHistory history = new StatusHistory();
    Action startVpn = action(ActionKind.START_CONTAINER, "vpn", "exited");
    history.record(List.of(ActionStep.ran(result(startVpn, Outcome.OK, null))));
    List<ActionStep> thisPass = List.of(
        ActionStep.ran(result(action(ActionKind.START_CONTAINER, "sonarr", "exited").skipping("crash loop: backing off"),
            Outcome.SKIPPED, "crash loop: backing off until 12:00:40 after 2 exits within 10 min")),
        ActionStep.ran(result(action(ActionKind.CREATE_CONTAINER, "radarr", "missing"), Outcome.FAILED,
            "create container radarr: image localhost/x:1 not known")));

    ObservedState observed = new ObservedState(List.of(
        new ObservedContainer("1", "vpn", "localhost/x:1", Map.of(), ContainerStatus.RUNNING, HealthStatus.NONE,
            Optional.of(NOW), Optional.empty(), Optional.empty()),
        new ObservedContainer("2", "sonarr", "localhost/x:1", Map.of(), ContainerStatus.EXITED, HealthStatus.NONE,
            Optional.of(NOW), Optional.empty(), Optional.empty()).withExit(Optional.of(1), false)),
        List.of(), Map.of());
    List<ObjectStatus> rows = new StatusView(desired, Optional.of(observed),
        name -> name.equals("sonarr") ? Optional.of(UNTIL) : Optional.empty())
        .rows(thisPass, history.record(thisPass));

    ObjectStatus vpn = rows.get(1);
    assertThat(vpn.state()).isEqualTo(ObjectState.OK);
    assertThat(vpn.actual()).as("the words a fresh view uses").isEqualTo("running");
    assertThat(vpn.lastAction()).contains("start-container");
    ObjectStatus sonarr = rows.get(2);
    assertThat(sonarr.state()).isEqualTo(ObjectState.BACKING_OFF);
    assertThat(sonarr.backingOffUntil()).contains(UNTIL);
    assertThat(sonarr.lastError()).get().asString().contains("backing off until 12:00:40");
    assertThat(sonarr.actual()).isEqualTo("exited 1");
    ObjectStatus radarr = rows.get(3);
    assertThat(radarr.state()).isEqualTo(ObjectState.FAILED);
    assertThat(radarr.actual()).isEqualTo("absent");
    assertThat(radarr.lastError()).contains("create container radarr: image localhost/x:1 not known");
  }
}
