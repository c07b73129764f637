package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.observed.ContainerProcess;
import dev.podkeeper.model.port.ContainerEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's "container won't start": how its last run ended, and the tail of its log, secrets masked. */
class ContainerRunCheckTest {
  private final DoctorBench bench = new DoctorBench();

  @Test
  void aContainerThatExitsShowsItsCodeAndTheTailOfItsLogWithSecretsMasked() throws Exception {
    ContainerSpec crash = ContainerSpec.builder("crash", "localhost/prowlarr:1", new NetworkAttachment.Bridge("media"))
        .command(Optional.of(List.of("sh", "-c",
            "echo connecting with password " + Stacks.SECRET + "; echo config file missing >&2; exit 3")))
        .restart(RestartPolicy.NO).build();
    DesiredState desired = Stacks.with(Stacks.media(), crash);
    bench.harness.apply(desired);

    Finding f = bench.judge(new ContainerRunCheck(), desired).stream().filter(x -> x.subject().equals("crash"))
        .findFirst().orElseThrow();

    assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(f.evidence()).isEqualTo("exited 3; the last of its log:");
    assertThat(f.details()).containsExactly("connecting with password ***", "config file missing");
    assertThat(f.fix()).contains("podkeeper apply");
  }

  @Test
  void runningContainersPassAndAMissingOneFails() throws Exception {
    bench.harness.apply(Stacks.media());
    DesiredState withNew = Stacks.with(Stacks.media(),
        ContainerSpec.builder("radarr", "localhost/prowlarr:1", new NetworkAttachment.Bridge("media")).build());

    List<Finding> findings = bench.judge(new ContainerRunCheck(), withNew);

    assertThat(findings).extracting(Finding::subject, Finding::verdict).contains(
        org.assertj.core.groups.Tuple.tuple("sonarr", Verdict.OK),
        org.assertj.core.groups.Tuple.tuple("radarr", Verdict.FAIL));
    assertThat(findings).filteredOn(f -> f.subject().equals("sonarr")).singleElement().extracting(Finding::evidence)
        .asString().startsWith("running (pid " + bench.pid("sonarr") + ") since ");
  }

  @Test
  void aContainerRemovedBetweenTheListAndItsInspectIsJudgedMissing() throws Exception {
    bench.harness.apply(Stacks.media());
    String sonarr = bench.harness.id("sonarr");
    ContainerEngine removingWhileDoctorLooks = new ForwardingEngine(bench.harness.engine) {
      @Override
      public ContainerProcess inspectProcess(String id) {
        if (id.equals(sonarr)) {
          bench.harness.engine.stopContainer(id, Duration.ZERO);
          bench.harness.engine.removeContainer(id);
        }
        return super.inspectProcess(id);
      }
    };

    DoctorFacts facts = bench.facts(Stacks.media(), Optional.empty(), removingWhileDoctorLooks);

    assertThat(new ContainerRunCheck().judge(facts)).filteredOn(f -> f.subject().equals("sonarr")).singleElement()
        .extracting(Finding::verdict).isEqualTo(Verdict.FAIL);
  }
}
