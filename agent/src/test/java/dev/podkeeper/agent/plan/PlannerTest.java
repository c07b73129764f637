package dev.podkeeper.agent.plan;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.observed.ObservedNetwork;
import static dev.podkeeper.agent.testing.Stacks.media;
import static dev.podkeeper.agent.testing.WorldBuilder.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.HealthWait;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the table does not show: refusals, inputs handed to the executor, and secrecy. */
class PlannerTest {

  @Test
  void refusesAFileThatRemovesEveryContainerUnlessAllowed() {
    assertThatThrownBy(() -> Planner.plan(Stacks.withContainers(media(), Map.of()), converged(media()).build(),
        PlannerOptions.DEFAULT))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage("/etc/podkeeper/media.yaml declares no containers: applying it would remove all 4 containers of"
            + " stack media (gluetun, qbittorrent, prowlarr, sonarr). Nothing was changed; pass --allow-empty if that"
            + " is what you want.");
  }

  @Test
  void aNameHeldByAnotherStackSaysWhichAndHowToMoveIt() {
    Plan plan = Planner.plan(media(), converged(media()).withoutContainer("sonarr")
        .add(PlannerTableTest.unmanaged("sonarr", Map.of(Labels.STACK, "media-old")))
        .network(new ObservedNetwork("net-x1234567890", "media", Map.of(Labels.STACK, "media-old"))).build(),
        PlannerOptions.DEFAULT);

    assertThat(plan.action("report-clash:sonarr").orElseThrow().preset().orElseThrow().reason())
        .isEqualTo("the name sonarr is taken by container id-unmanaged of podkeeper stack media-old"
            + " (dev.podkeeper.stack=media-old), not of stack media: if the stack was renamed, name it media-old"
            + " again, or remove the old stack's container (podman rm -f sonarr; volumes and host directories stay)"
            + " and podkeeper creates it for stack media");
    assertThat(plan.action("create-network:media").orElseThrow().preset().orElseThrow().reason())
        .contains("the network name media is taken by network net-x1234567 of podkeeper stack media-old")
        .contains("podman network rm media")
        .doesNotContain("does not manage");
  }

  @Test
  void anEmptyFileOnAnEmptyHostIsNoRemoval() {
    Plan plan = Planner.plan(Stacks.withContainers(media(), Map.of()),
        WorldBuilder.empty(Stacks.withContainers(media(), Map.of())).build(), PlannerOptions.DEFAULT);

    assertThat(plan.actions()).extracting(Action::kind).doesNotContain(ActionKind.REMOVE_CONTAINER);
  }

  @Test
  void containerCreationsCarryTheMergedEnvForTheEngineButNeverShowIt() {
    Map<String, String> env = Map.of("TZ", "UTC", "VPN_PASSWORD", Stacks.SECRET);
    Plan plan = Planner.plan(media(), WorldBuilder.empty(media()).env("gluetun", Resolution.of(Redacted.of(env))).build(),
        PlannerOptions.DEFAULT);

    ContainerCreation gluetun = plan.action("create-container:gluetun").orElseThrow().input(ContainerCreation.class);
    assertThat(gluetun.env().reveal()).isEqualTo(env);
    assertThat(plan.toString()).doesNotContain(Stacks.SECRET);
    assertThat(plan.secretValues().reveal()).containsExactly(Stacks.SECRET);
  }

  @Test
  void aHealthWaitLastsAsLongAsTheCheckNeedsToDecide() {
    // start period 30 s + 3 retries x 10 s + one interval and one timeout of margin
    assertThat(HealthWait.forCheck(Stacks.HEALTH).timeout()).isEqualTo(Duration.ofSeconds(30 + 30 + 10 + 5));
  }

  @Test
  void aPlanOnlyLetsActionsWaitForEarlierOnes() {
    Action first = Action.of(ActionKind.UNIT_START, "a.service", "inactive", new ActionInput.None());
    Action second = Action.of(ActionKind.UNIT_START, "b.service", "inactive", new ActionInput.None())
        .waitingFor(List.of(first.id()));

    assertThatThrownBy(() -> Plan.of(List.of(second, first)))
        .hasMessage("unit-start:b.service waits for unit-start:a.service, which is not earlier in the plan");
    assertThatThrownBy(() -> Plan.of(List.of(first, first))).hasMessage("two actions have the id unit-start:a.service");
    assertThat(Plan.of(List.of(first, second)).actions()).containsExactly(first, second);
  }
}
