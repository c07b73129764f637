package dev.podkeeper.model.observed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservedStateTest {
  private static ObservedContainer container(String id, String name) {
    return new ObservedContainer(id, name, "busybox", Map.of(), ContainerStatus.RUNNING, HealthStatus.NONE,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void findsContainersByNameAndByIdAndNetworksByName() {
    ObservedState state = new ObservedState(List.of(container("a1", "alpha"), container("b2", "beta")),
        List.of(new ObservedNetwork("n1", "media", Map.of())), Map.of());

    assertThat(state.container("beta").orElseThrow().id()).isEqualTo("b2");
    assertThat(state.containerById("a1").orElseThrow().name()).isEqualTo("alpha");
    assertThat(state.network("media").orElseThrow().id()).isEqualTo("n1");
    assertThat(state.container("gamma")).isEmpty();
    assertThat(state.containerById("alpha")).as("a name is not an ID").isEmpty();
    assertThat(state.network("alpha")).isEmpty();
  }

  @Test
  void theFirstOfTwoSameNamedContainersWinsAsInTheList() {
    ObservedState state = new ObservedState(List.of(container("first", "web"), container("second", "web")),
        List.of(), Map.of());

    assertThat(state.container("web").orElseThrow().id()).isEqualTo("first");
    assertThat(state.containers()).as("the list keeps both").hasSize(2);
  }

  @Test
  void equalsComparesWhatWasObservedNotTheIndexes() {
    ObservedState one = new ObservedState(List.of(container("a1", "alpha")), List.of(), Map.of());
    ObservedState same = new ObservedState(List.of(container("a1", "alpha")), List.of(), Map.of());
    ObservedState other = new ObservedState(List.of(container("b2", "alpha")), List.of(), Map.of());

    assertThat(same).isEqualTo(one);
    assertThat(same.hashCode()).isEqualTo(one.hashCode());
    assertThat(other).isNotEqualTo(one);
  }
}
