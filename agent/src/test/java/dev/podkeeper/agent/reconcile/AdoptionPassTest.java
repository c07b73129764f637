package dev.podkeeper.agent.reconcile;

import static dev.podkeeper.agent.testing.Stacks.media;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.Adoption;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --adopt NAME}: hand-made containers replaced by the declared ones, and only those. */
class AdoptionPassTest {
  private final Harness harness = new Harness();

  @Test
  void withoutConsentAHandMadeContainerIsAClashWhoseErrorSaysHowToAdopt() throws Exception {
    String theirs = runByHand("prowlarr", new NetworkAttachment.PodmanDefault());

    PassResult result = harness.apply(media());

    assertThat(result.results()).filteredOn(r -> r.id().equals("report-clash:prowlarr")).singleElement()
        .satisfies(r -> assertThat(r.error()).isPresent().get().asString().contains("--adopt prowlarr"));
    assertThat(harness.id("prowlarr")).isEqualTo(theirs);
  }

  @Test
  void anAdoptedContainerIsReplacedByTheDeclaredOneWithPodkeepersLabels() throws Exception {
    String theirs = runByHand("prowlarr", new NetworkAttachment.PodmanDefault());

    PassResult result = harness.apply(media(), adopting("prowlarr"));

    assertThat(result.converged()).isTrue();
    assertThat(result.results()).filteredOn(r -> r.id().equals("recreate-container:prowlarr")).singleElement()
        .satisfies(r -> assertThat(r.action().cause()).isEqualTo(Adoption.CAUSE));
    ObservedContainer ours = harness.engine.find("prowlarr").orElseThrow();
    assertThat(ours.id()).isNotEqualTo(theirs);
    assertThat(ours.managedBy(Stacks.STACK)).isTrue();
    assertThat(harness.apply(media()).results()).as("converged: nothing more to do").isEmpty();
  }

  @Test
  void anAdoptedProviderTakesItsAdoptedMemberAlongMembersRemovedFirst() throws Exception {
    runByHand("gluetun", new NetworkAttachment.PodmanDefault());
    runByHand("qbittorrent", new NetworkAttachment.ContainerNamespace("gluetun"));

    List<String> plan = harness.plan(media(), adopting("gluetun", "qbittorrent")).actions().stream()
        .map(Action::id).toList();
    PassResult result = harness.apply(media(), adopting("gluetun", "qbittorrent"));

    assertThat(plan.indexOf("remove-container:qbittorrent")).isLessThan(plan.indexOf("recreate-container:gluetun"));
    assertThat(plan.indexOf("recreate-container:gluetun")).isLessThan(plan.indexOf("create-container:qbittorrent"));
    assertThat(result.converged()).isTrue();
    ObservedContainer gluetun = harness.engine.find("gluetun").orElseThrow();
    ObservedContainer qbittorrent = harness.engine.find("qbittorrent").orElseThrow();
    assertThat(qbittorrent.namespaceProviderId()).contains(gluetun.id());
    assertThat(qbittorrent.managedBy(Stacks.STACK)).isTrue();
  }

  @Test
  void aContainerOfAnotherStackIsNeverAdopted() throws Exception {
    harness.engine.withImage("localhost/theirs:1");
    String other = harness.engine.addUnmanaged("prowlarr", "localhost/theirs:1", Map.of(Labels.STACK, "other"));

    PassResult result = harness.apply(media(), adopting("prowlarr"));

    assertThat(outcomes(result)).containsEntry("report-clash:prowlarr", Outcome.FAILED);
    assertThat(harness.id("prowlarr")).isEqualTo(other);
  }

  private String runByHand(String name, NetworkAttachment network) {
    String image = "localhost/theirs:1";
    harness.engine.withImage(image);
    return harness.engine.runUnmanaged(ContainerSpec.builder(name, image, network).build(), Map.of());
  }

  private static PlannerOptions adopting(String... names) {
    return PlannerOptions.DEFAULT.withAdopt(List.of(names));
  }

  private static Map<String, Outcome> outcomes(PassResult result) {
    return result.results().stream().collect(Collectors.toMap(ActionResult::id, ActionResult::outcome));
  }
}
