package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.LocalImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Performs an image update (spec section 7): pull; keep the image the container runs under its rollback name;
 * recreate on the new image, labelled with the digest it was created for; the health gate. If the gate fails and
 * the policy rolls back, the previous image gets the reference back and the container is recreated on it,
 * labelled with the digest held back, which the findings skip until the tag moves again.
 */
final class ImageUpdateRun {
  private final ContainerEngine engine;
  private final ContainerCreator creator;
  private final UpdateHealthGate gate;
  private final UpdateOutcomes outcomes;

  ImageUpdateRun(ContainerEngine engine, ContainerCreator creator, UpdateHealthGate gate, UpdateOutcomes outcomes) {
    this.engine = engine;
    this.creator = creator;
    this.gate = gate;
    this.outcomes = outcomes;
  }

  void run(ContainerCreation creation, ImageUpdate update, String oldId, ContainerIds ids) throws InterruptedException {
    String name = creation.spec().name();
    String reference = creation.spec().image();
    String previous = engine.containerImage(oldId).map(LocalImage::id).orElseThrow(() -> new StepException(
        FailureKind.TRANSIENT, "update " + name + ": the engine does not say which image container " + oldId
            + " runs, so it could not be kept for a rollback"));
    // Named before the pull moves the reference off it; a failed pull leaves the container as it is.
    String rollbackImage = update.rollbackImage(creation.stack());
    engine.tagImage(previous, rollbackImage);
    fetch(reference, update.to());
    creator.replace(creation, oldId, ids, Map.of(Labels.IMAGE_DIGEST, update.to()));

    Optional<String> failure = gate.failure(ids.require(name), creation.spec(), update.healthTimeout());
    if (failure.isEmpty()) {
      outcomes.updated(update);
      return;
    }
    String failed = "update " + name + " to " + ImageUpdate.shortDigest(Optional.of(update.to()))
        + " failed its health gate: " + failure.get();
    if (!update.rollback()) {
      throw new StepException(FailureKind.PERMANENT, failed + "; rollback is off, so it stays on the new image ("
          + "the previous one is kept as " + rollbackImage + ")");
    }
    engine.tagImage(rollbackImage, reference);
    Map<String, String> heldBack = new LinkedHashMap<>();
    update.from().ifPresent(from -> heldBack.put(Labels.IMAGE_DIGEST, from));
    heldBack.put(Labels.HELD_BACK_DIGEST, update.to());
    creator.replace(creation, ids.require(name), ids, heldBack);
    outcomes.rolledBack(update, failure.get());
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
