package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.LocalImage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Performs an image update (spec section 7): pull; keep the image the container runs under its rollback name;
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
    String reference = creation.spec().image();
    String previous = engine.containerImage(oldId).map(LocalImage::id).orElseThrow(() -> new StepException(
        FailureKind.TRANSIENT, "update " + name + ": the engine does not say which image container " + oldId
            + " runs, so it could not be kept for a rollback"));
    // Named before the pull moves the reference off it; a failed pull leaves the container as it is.
    engine.tagImage(previous, update.rollbackImage(creation.stack()));
    fetch(reference, update.to());
    UpdateGate gate = UpdateGate.opening(update, clock.instant());
    creator.replace(creation, oldId, ids, gate.labels());
    gates.finish(creation, gate, List.of(), ids);
  }

  /**
   * Pulls the reference; when the store has the new image already (pulled by digest by hand, or by an update
   * that failed before), names it by the reference instead, which asks no registry.
   */
  private void fetch(String reference, String digest) {
    Optional<String> byDigest = ImageReference.parse(reference)
        .map(r -> new ImageReference(r.registry(), r.repository(), Optional.empty(), Optional.of(digest)).toString())
        .filter(pinned -> engine.inspectImage(pinned).isPresent());
    if (byDigest.isPresent()) {
      engine.tagImage(byDigest.get(), reference);
    } else {
      engine.pullImage(reference);
    }
  }
}
