package dev.podkeeper.agent.update;

import dev.podkeeper.agent.update.UpdateFinding.State;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.LocalImage;
import dev.podkeeper.model.port.ManifestCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The findings of every followed container, from the desired state, the observed containers' labels and the
 * checks' answers. Pure: what to do about them is the planner's and the executor's.
 */
public final class UpdateFindings {
  private UpdateFindings() {}

  /**
   * @param checks the latest check of an image reference
   * @param images the image a container (by ID) was created on, for a container without the digest label
   * @param localTags the image a name (the file's reference) names in the engine's store now, for {@code local}
   */
  public static List<UpdateFinding> of(DesiredState desired, ObservedState observed,
      Function<String, Optional<RegistryChecks.Checked>> checks, Function<String, Optional<LocalImage>> images,
      Function<String, Optional<LocalImage>> localTags) {
    List<UpdateFinding> findings = new ArrayList<>();
    for (ContainerSpec c : desired.containers().values()) {
      Optional<ObservedContainer> container = observed.container(c.name()).filter(o -> o.managedBy(desired.stack()));
      if (c.update().policy() == UpdatePolicy.Source.LOCAL) {
        findings.add(local(c, container, images, localTags));
      }
      if (c.update().policy() != UpdatePolicy.Source.REGISTRY) {
        continue;
      }
      Optional<RegistryChecks.Checked> checked = checks.apply(c.image());
      Optional<String> running = container.flatMap(o -> running(o, checked, images));
      Optional<String> heldBack = container.map(o -> o.labels().get(Labels.HELD_BACK_DIGEST));
      findings.add(finding(c, running, heldBack, checked));
    }
    return findings;
  }

  /**
   * The label podkeeper wrote at create, else what the container's image says: the checked digest when the image
   * has that manifest, its only digest when it has one, else unknown (an imported or locally built image).
   */
  private static Optional<String> running(ObservedContainer container, Optional<RegistryChecks.Checked> checked,
      Function<String, Optional<LocalImage>> images) {
    Optional<String> labelled = Optional.ofNullable(container.labels().get(Labels.IMAGE_DIGEST));
    if (labelled.isPresent()) {
      return labelled;
    }
    Set<String> digests = images.apply(container.id()).map(LocalImage::digests).orElse(Set.of());
    Optional<String> available = checked.map(RegistryChecks.Checked::answer)
        .filter(ManifestCheck.Digest.class::isInstance).map(a -> ((ManifestCheck.Digest) a).digest());
    if (available.isPresent() && digests.contains(available.get())) {
      return available;
    }
    return digests.size() == 1 ? digests.stream().findFirst() : Optional.empty();
  }

  /**
   * {@code local}: the image the tag names in the engine's store against the one the container was created on, by
   * image ID (an image pulled or built under the tag by someone else has a new ID, and no registry is asked). A
   * rollback gives the tag back to the image the container runs, so a container that carries a held-back image
   * still shows it as held back while the tag names what it runs.
   */
  private static UpdateFinding local(ContainerSpec c, Optional<ObservedContainer> container,
      Function<String, Optional<LocalImage>> images, Function<String, Optional<LocalImage>> localTags) {
    Optional<String> running = container.flatMap(o -> images.apply(o.id())).map(LocalImage::id);
    Optional<String> tagged = localTags.apply(c.image()).map(LocalImage::id);
    Optional<String> heldBack = container.map(o -> o.labels().get(Labels.HELD_BACK_DIGEST));
    if (container.isEmpty() || running.isEmpty()) {
      return new UpdateFinding(c.name(), c.image(), c.update(), State.NOT_CHECKED, Optional.empty(), running, tagged,
          Optional.empty());
    }
    if (tagged.isEmpty()) {
      return new UpdateFinding(c.name(), c.image(), c.update(), State.CHECK_FAILED, Optional.empty(), running,
          Optional.empty(), Optional.of("no local image is named " + c.image()));
    }
    Optional<String> available = tagged.equals(running) && heldBack.isPresent() ? heldBack : tagged;
    State state = available.equals(heldBack) ? State.HELD_BACK
        : available.equals(running) ? State.UP_TO_DATE : State.UPDATE_AVAILABLE;
    return new UpdateFinding(c.name(), c.image(), c.update(), state, Optional.empty(), running, available,
        Optional.empty());
  }

  private static UpdateFinding finding(ContainerSpec c, Optional<String> running, Optional<String> heldBack,
      Optional<RegistryChecks.Checked> checked) {
    Optional<Instant> at = checked.map(RegistryChecks.Checked::at);
    if (checked.isEmpty()) {
      return new UpdateFinding(c.name(), c.image(), c.update(), State.NOT_CHECKED, at, running, Optional.empty(),
          Optional.empty());
    }
    ManifestCheck answer = checked.get().answer();
    if (answer instanceof ManifestCheck.Digest digest) {
      Optional<String> available = Optional.of(digest.digest());
      State state = available.equals(running) ? State.UP_TO_DATE
          : available.equals(heldBack) ? State.HELD_BACK : State.UPDATE_AVAILABLE;
      return new UpdateFinding(c.name(), c.image(), c.update(), state, at, running, available, Optional.empty());
    }
    String reason = answer instanceof ManifestCheck.Failed failed ? failed.reason()
        : "rate-limited (HTTP 429) until " + ((ManifestCheck.RateLimited) answer).until();
    return new UpdateFinding(c.name(), c.image(), c.update(), State.CHECK_FAILED, at, running, Optional.empty(),
        Optional.of(reason));
  }
}
