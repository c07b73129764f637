package dev.podkeeper.model.graph;

import static dev.podkeeper.model.parse.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private static final DependencyGraph SEED = DependencyGraph.of(valid("""
      version: 1
      stack: s
      networks: { media: {} }
      containers:
        sonarr: { image: i, network: media, dependsOn: [prowlarr] }
        qbittorrent: { image: i, network: "container:gluetun" }
        prowlarr: { image: i, network: media }
        gluetun: { image: i, network: media }
        sabnzbd: { image: i, network: "container:gluetun", dependsOn: [prowlarr] }
        jellyseerr: { image: i, network: media, dependsOn: [sonarr] }
      """).containers());

  @Test
  void dependenciesComeFirstAndOtherwiseFileOrderHolds() {
    assertThat(SEED.topologicalOrder())
        .containsExactly("prowlarr", "sonarr", "gluetun", "qbittorrent", "sabnzbd", "jellyseerr");
  }

  @Test
  void aNamespaceMemberDependsOnItsProvider() {
    assertThat(SEED.dependenciesOf("sabnzbd")).containsExactly("gluetun", "prowlarr");
    assertThat(SEED.namespaceMembersOf("gluetun")).containsExactly("qbittorrent", "sabnzbd");
    assertThat(SEED.namespaceProviderOf("qbittorrent")).contains("gluetun");
    assertThat(SEED.namespaceProviderOf("sonarr")).isEmpty();
  }

  @Test
  void dependentsDirectAndTransitive() {
    assertThat(SEED.dependentsOf("prowlarr")).containsExactlyInAnyOrder("sonarr", "sabnzbd");
    assertThat(SEED.transitiveDependentsOf("prowlarr")).containsExactlyInAnyOrder("sonarr", "sabnzbd", "jellyseerr");
    assertThat(SEED.transitiveDependentsOf("jellyseerr")).isEmpty();
  }

  @Test
  void aCycleIsNamedAsThePathThatClosesIt() {
    DependencyGraph graph = DependencyGraph.of(containers(
        spec("a", List.of("b")), spec("b", List.of("c")), spec("c", List.of("a")), spec("d", List.of())));
    assertThat(graph.findCycle()).contains(List.of("a", "b", "c", "a"));
    assertThatThrownBy(graph::topologicalOrder).hasMessageContaining("a -> b -> c -> a");
  }

  @Test
  void anAcyclicGraphHasNoCycle() {
    assertThat(SEED.findCycle()).isEmpty();
  }

  @Test
  void aLongChainNeitherOverflowsTheStackNorTakesQuadraticTime() {
    ContainerSpec[] chain = new ContainerSpec[20_000];
    for (int i = 0; i < chain.length; i++) {
      chain[i] = spec("c" + i, i == 0 ? List.of() : List.of("c" + (i - 1)));
    }
    DependencyGraph graph = DependencyGraph.of(containers(chain));
    assertThat(graph.findCycle()).isEmpty();
    assertThat(graph.topologicalOrder()).hasSize(chain.length).startsWith("c0", "c1").endsWith("c19999");
  }

  @Test
  void referencesToUnknownContainersAreLeftToValidation() {
    DependencyGraph graph = DependencyGraph.of(containers(spec("a", List.of("ghost"))));
    assertThat(graph.dependenciesOf("a")).isEmpty();
    assertThat(graph.topologicalOrder()).containsExactly("a");
  }

  private static ContainerSpec spec(String name, List<String> dependsOn) {
    return ContainerSpec.builder(name, "i", new NetworkAttachment.Bridge("n")).dependsOn(dependsOn).build();
  }

  private static Map<String, ContainerSpec> containers(ContainerSpec... specs) {
    Map<String, ContainerSpec> map = new LinkedHashMap<>();
    for (ContainerSpec s : specs) {
      map.put(s.name(), s);
    }
    return map;
  }
}
