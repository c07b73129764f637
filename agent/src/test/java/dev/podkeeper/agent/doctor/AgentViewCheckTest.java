package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.agent.testing.WorldBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What only the running agent knows: backoffs, last errors, an edit it refused; and that none runs. */
class AgentViewCheckTest {
  private final DoctorBench bench = new DoctorBench();

  @Test
  void withoutAnAgentDoctorWarnsThatNothingRepairsTheStack() {
    assertThat(bench.judge(new AgentViewCheck(), Stacks.media())).singleElement()
        .extracting(Finding::verdict, Finding::evidence).containsExactly(Verdict.WARN,
            "no agent answers on /run/podkeeper/status.sock: nothing repairs this stack between applies");
  }

  @Test
  void theAgentsBackoffAndLastErrorAreShown() {
    ObjectStatus sonarr = new ObjectStatus("container", "sonarr", "running", "exited", ObjectState.BACKING_OFF,
        Optional.of(WorldBuilder.T0.plusSeconds(250)), Optional.of("start-container"), Optional.of("exited 3"),
        Optional.of("start container sonarr: Podman says: address already in use"));
    StatusSnapshot agent = new StatusSnapshot(StatusSnapshot.AGENT, WorldBuilder.T0, "/etc/podkeeper/media.yaml",
        "media", "p7", "converged 3/4", List.of(sonarr));

    List<Finding> findings = new AgentViewCheck().judge(bench.facts(Stacks.media(), Optional.of(agent)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.verdict()).isEqualTo(Verdict.WARN);
      assertThat(f.subject()).isEqualTo("container sonarr");
      assertThat(f.evidence()).matches("backing off until \\d\\d:\\d\\d:\\d\\d; last error: start container sonarr: "
          + "Podman says: address already in use");
    });
  }
}
