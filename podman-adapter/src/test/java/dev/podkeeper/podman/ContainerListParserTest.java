package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a list Podman 4.3.1 really returned: a provider restarted after its member joined it, a stopped and a new container. */
class ContainerListParserTest {
  private static final String PROVIDER = "3cdb10e6dff9b43d3d90c2fce8e1099e6fa81671e574707efb03f8fa558fd225";

  private final List<ObservedContainer> list = parse("libpod-containers-4.3.1.json");

  @Test
  void aRunningProviderWithAHealthCheck() {
    ObservedContainer provider = byName("pkexp-prov");

    assertThat(provider.id()).isEqualTo(PROVIDER);
    assertThat(provider.image()).isEqualTo("localhost/pk-test:1");
    assertThat(provider.labels()).isEmpty();
    assertThat(provider.status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(provider.health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(provider.startedAt()).contains(Instant.ofEpochSecond(1795713875));
    assertThat(provider.namespaceProviderId()).isEmpty();
    assertThat(provider.networkNamespace()).contains("net:[4026532249]");
  }

  @Test
  void aMemberNamesItsProviderThroughTheLabelAndStillRunsInTheOldNamespace() {
    ObservedContainer member = byName("pkexp-mem");

    assertThat(member.namespaceProviderId()).contains(PROVIDER);
    assertThat(member.health()).isEqualTo(HealthStatus.NONE);
    assertThat(member.networkNamespace()).contains("net:[4026532318]")
        .isNotEqualTo(byName("pkexp-prov").networkNamespace());
    assertThat(member.managedBy("exp")).isTrue();
  }

  @Test
  void anExitedContainerHasNoNamespaceButKeepsItsStartTime() {
    ObservedContainer exited = byName("pkexp-solo");

    assertThat(exited.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(exited.networkNamespace()).isEmpty();
    assertThat(exited.startedAt()).contains(Instant.ofEpochSecond(1795713312));
  }

  @Test
  void aNeverStartedContainerHasNoStartTime() {
    ObservedContainer created = byName("pkexp-new");

    assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(created.startedAt()).isEmpty();
    assertThat(created.networkNamespace()).isEmpty();
  }

  @Test
  void onlyAnExitedContainerHasAnExitCode() {
    assertThat(byName("pkexp-solo").exitCode()).contains(0);
    assertThat(byName("pkexp-prov").exitCode()).isEmpty();
    assertThat(byName("pkexp-new").exitCode()).isEmpty();
  }

  /** Real 4.3.1 output: one container ran {@code exit 3}, one was killed by its 8m memory cgroup's OOM killer. */
  @Test
  void anExitCodeIsReadFromTheListWhichHasNoOomFlag() {
    List<ObservedContainer> exits = parse("libpod-containers-exits-4.3.1.json");

    assertThat(exits).extracting(ObservedContainer::name, ObservedContainer::exitCode, ObservedContainer::oomKilled)
        .containsExactly(tuple("pkr-exit3", Optional.of(3), false), tuple("pkr-oom", Optional.of(137), false));
  }

  @Test
  void podmanStatesFoldToTheModelsStatuses() {
    assertThat(ContainerListParser.status("configured")).isEqualTo(ContainerStatus.CREATED);
    assertThat(ContainerListParser.status("stopped")).isEqualTo(ContainerStatus.EXITED);
    assertThat(ContainerListParser.status("stopping")).isEqualTo(ContainerStatus.STOPPING);
    assertThat(ContainerListParser.status("removing")).isEqualTo(ContainerStatus.REMOVING);
    assertThat(ContainerListParser.status("paused")).isEqualTo(ContainerStatus.PAUSED);
    assertThat(ContainerListParser.status("something new")).isEqualTo(ContainerStatus.UNKNOWN);
    assertThat(ContainerListParser.health("unhealthy")).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(ContainerListParser.health("starting")).isEqualTo(HealthStatus.STARTING);
  }

  private ObservedContainer byName(String name) {
    return list.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<ObservedContainer> parse(String resource) {
    try (InputStream in = ContainerListParserTest.class.getResourceAsStream(resource)) {
      return JsonArrays.read(new ObjectMapper(), in, ContainerListParser::container);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
