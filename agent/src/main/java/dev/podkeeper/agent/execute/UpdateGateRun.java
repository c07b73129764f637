package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An update's health gate to its end, for the update that just recreated the container and for a gate an earlier
 * process left open alike: passed, the update stands; failed, with the policy's rollback, the previous image gets
 * the reference back and the container is recreated on it, labelled with its previous digest and the digest held
 * back (and no gate), which the findings skip until the tag moves again.
 */
final class UpdateGateRun {
  private final ContainerEngine engine;
  private final ContainerCreator creator;
  private final UpdateHealthGate health;
  private final UpdateOutcomes outcomes;

  UpdateGateRun(ContainerEngine engine, ContainerCreator creator, UpdateHealthGate health, UpdateOutcomes outcomes) {
    this.engine = engine;
    this.creator = creator;
    this.health = health;
    this.outcomes = outcomes;
  }

  /**
   * @param members containers in the namespace of the gated one, taken along by a rollback: removed first, created
   *     again after it (a gate this process opened has none yet: the members are created after the gate)
   */
  void finish(ContainerCreation creation, UpdateGate gate, List<ContainerCreation> members, ContainerIds ids)
      throws InterruptedException {
    String name = creation.spec().name();
    ImageUpdate update = gate.update();
    Optional<String> failure = health.failure(ids.require(name), creation.spec(), gate);
    if (failure.isEmpty()) {
      outcomes.updated(gate);
      return;
    }
    String rollbackImage = update.rollbackImage(creation.stack());
    String failed = "update " + name + " to " + ImageUpdate.shortDigest(Optional.of(update.to()))
        + " failed its health gate: " + failure.get();
    if (!update.rollback()) {
      outcomes.failedWithoutRollback(gate);
      throw new StepException(FailureKind.PERMANENT, failed + "; rollback is off, so it stays on the new image ("
          + "the previous one is kept as " + rollbackImage + ")");
    }
    engine.tagImage(rollbackImage, creation.spec().image());
    Map<String, String> heldBack = new LinkedHashMap<>();
    update.from().ifPresent(from -> heldBack.put(Labels.IMAGE_DIGEST, from));
    heldBack.put(Labels.HELD_BACK_DIGEST, update.to());
    for (ContainerCreation member : members) {
      creator.remove(member, member.replacedId().orElseGet(() -> ids.require(member.spec().name())), ids);
    }
    creator.replace(creation, ids.require(name), ids, heldBack);
    for (ContainerCreation member : members) {
      creator.createAndStart(member, ids);
    }
    outcomes.rolledBack(gate, failure.get());
  }
}
