package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.port.EngineEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Image events, the filter's narrow case: they ask for a pass only when a container follows the image's name with
 * {@code update: { policy: local }}. Container and network events are {@link EngineEventSourceTest}'s.
 */
class ManagedEventFilterTest {
  private static final String IMAGE_ID = "0".repeat(64);
  private static final UpdatePolicy LOCAL = UpdatePolicy.DEFAULT.withPolicy(UpdatePolicy.Source.LOCAL);
  private static final UpdatePolicy REGISTRY = UpdatePolicy.DEFAULT.withPolicy(UpdatePolicy.Source.REGISTRY);

  @Test
  void aTagOrPullUnderAFollowedNameAsksForAPass() {
    ManagedEventFilter filter = filterFor(container("app", "localhost/app:latest", LOCAL));

    assertThat(filter.test(image("tag", "localhost/app:latest"))).isTrue();
    assertThat(filter.test(image("pull", "localhost/app:latest"))).isTrue();
    assertThat(filter.test(image("tag", "localhost/app:v2"))).as("another tag").isFalse();
    assertThat(filter.test(image("remove", "localhost/app:latest"))).as("not a new image").isFalse();
  }

  @Test
  void aShortNameInTheFileIsTheNameTheEngineReports() {
    ManagedEventFilter filter = filterFor(container("cache", "redis", LOCAL));

    assertThat(filter.test(image("pull", "docker.io/library/redis:latest"))).isTrue();
  }

  @Test
  void aBuildCountsWhileAContainerFollowsLocallySinceItsEventNamesNoTag() {
    assertThat(filterFor(container("app", "localhost/app:latest", LOCAL)).test(image("build", IMAGE_ID))).isTrue();
    assertThat(filterFor(container("app", "localhost/app:latest", REGISTRY)).test(image("build", IMAGE_ID)))
        .isFalse();
  }

  @Test
  void imagesOfContainersThatDoNotFollowLocallyAreNoNews() {
    ManagedEventFilter filter = filterFor(container("app", "localhost/app:latest", REGISTRY),
        container("db", "localhost/db:latest", UpdatePolicy.DEFAULT));

    assertThat(filter.test(image("pull", "localhost/app:latest"))).as("the registry policy asks the registry")
        .isFalse();
    assertThat(filter.test(image("tag", "localhost/db:latest"))).isFalse();
  }

  private static ContainerSpec container(String name, String image, UpdatePolicy update) {
    return ContainerSpec.builder(name, image, new NetworkAttachment.Bridge("net")).update(update).build();
  }

  private static ManagedEventFilter filterFor(ContainerSpec... containers) {
    Map<String, ContainerSpec> byName = new LinkedHashMap<>();
    for (ContainerSpec c : containers) {
      byName.put(c.name(), c);
    }
    DesiredState desired = new DesiredState(Path.of("/etc/podkeeper/stack.yaml"), "demo", Defaults.NONE, Map.of(),
        List.of(), Map.of(), Map.of(), byName);
    return new ManagedEventFilter(() -> Optional.of(desired));
  }

  private static EngineEvent image(String action, String name) {
    return new EngineEvent("image", action, IMAGE_ID, Map.of("name", name), Instant.EPOCH);
  }
}
