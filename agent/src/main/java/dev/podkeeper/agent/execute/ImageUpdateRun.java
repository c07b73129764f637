package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.LocalImage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Performs an image update (spec section 7): keep the image the container runs under its rollback name; pull (a
 * {@code policy: local} update's image is in the store under the reference already, and nothing is pulled);
 * recreate on the new image, labelled with the digest it was created for, the digest before and until when its
 * gate is open ({@link UpdateGate#labels}); then the health gate, and a rollback if it fails ({@link UpdateGateRun}).
 * An agent stopped during the gate leaves those labels, and the next one finishes it.
 */
final class ImageUpdateRun {
  private final ContainerEngine engine;
  private final ContainerCreator creator;
  private final UpdateGateRun gates;
  private final Clock clock;

  ImageUpdateRun(ContainerEngine engine, ContainerCreator creator, UpdateGateRun gates, Clock clock) {
    this.engine = engine;
    this.creator = creator;
    this.gates = gates;
    this.clock = clock;
  }

  void run(ContainerCreation creation, ImageUpdate update, String oldId, ContainerIds ids) throws InterruptedException {
    String name = creation.spec().name();
    String previous = engine.containerImage(oldId).map(LocalImage::id).orElseThrow(() -> new StepException(
        FailureKind.TRANSIENT, "update " + name + ": the engine does not say which image container " + oldId
            + " runs, so it could not be kept for a rollback"));
    // Named before the pull moves the reference off it; a failed pull leaves the container as it is.
    engine.tagImage(previous, update.rollbackImage(creation.stack()));
    fetch(creation.spec(), update.to());
    UpdateGate gate = UpdateGate.opening(update, clock.instant());
    creator.replace(creation, oldId, ids, gate.labels());
    gates.finish(creation, gate, List.of(), ids);
  }

  /**
   * Makes the reference name the new image. A {@code local} update's is there already: its finding saw the reference
   * name it, and nothing is pulled. A registry update's is pulled; when the store has it already (pulled by digest
   * by hand, or by an update that failed before), it is named by the reference instead, which asks no registry.
   */
  private void fetch(ContainerSpec spec, String to) {
    if (spec.update().policy() == UpdatePolicy.Source.LOCAL) {
      requireNamed(spec, to);
      return;
    }
    Optional<String> byDigest = ImageReference.parse(spec.image())
        .map(r -> new ImageReference(r.registry(), r.repository(), Optional.empty(), Optional.of(to)).toString())
        .filter(pinned -> engine.inspectImage(pinned).isPresent());
    if (byDigest.isPresent()) {
      engine.tagImage(byDigest.get(), spec.image());
    } else {
      engine.pullImage(spec.image());
    }
  }

  /**
   * A reference tagged again, or removed, since the pass looked leaves the container as it is: the next pass finds
   * what it names then.
   */
  private void requireNamed(ContainerSpec spec, String imageId) {
    Optional<String> named = engine.inspectImage(spec.image()).map(LocalImage::id);
    if (!named.equals(Optional.of(imageId))) {
      throw new StepException(FailureKind.TRANSIENT, "update " + spec.name() + ": " + spec.image() + " names "
          + ImageUpdate.shortDigest(named) + " now, not " + ImageUpdate.shortDigest(Optional.of(imageId))
          + " as it did when the pass looked; the next pass follows what it names then");
    }
  }
}
