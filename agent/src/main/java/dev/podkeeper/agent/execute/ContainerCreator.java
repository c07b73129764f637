package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.agent.plan.ContainerFingerprint;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.PullPolicy;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ResolvedContainer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What creating and recreating share: making the image present, then create and start. One per execution
 * of a plan: the images it found present hold for that pass only.
 */
final class ContainerCreator {
  private final ContainerEngine engine;
  /**
   * Images this pass found in the engine's store or pulled: one check per image and pass, not one per
   * container (a stack of 14 on one image asked 14 times). Should one be removed meanwhile, the create
   * fails with the engine's words and the next pass looks again.
   */
  private final Set<String> present = ConcurrentHashMap.newKeySet();
  /**
   * One check (and pull) of an image at a time: two containers on it wait for the same answer. Interruptible,
   * so that a plan's deadline also ends a step waiting behind another's pull.
   */
  private final Map<String, ReentrantLock> checking = new ConcurrentHashMap<>();

  ContainerCreator(ContainerEngine engine) {
    this.engine = engine;
  }

  /** Pulls as the spec's policy says. Done before an old container is removed, so a failed pull leaves it be. */
  void ensureImage(ContainerSpec spec) throws InterruptedException {
    String image = spec.image();
    if (spec.pull() == PullPolicy.ALWAYS) {
      engine.pullImage(image); // before every create or recreate, as the policy says
      present.add(image);
      return;
    }
    ReentrantLock lock = checking.computeIfAbsent(image, i -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      if (present.contains(image) || engine.imageExists(image)) {
        present.add(image);
        return;
      }
      if (spec.pull() == PullPolicy.NEVER) {
        throw new StepException(FailureKind.PERMANENT, "create container " + spec.name() + ": image " + image
            + " is not in the engine's store and its pull policy is never: pull or import it first");
      }
      engine.pullImage(image);
      present.add(image);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Creates and starts the container. Its hash is taken now, with the namespace provider's current ID,
   * which is new if the provider was recreated earlier in this pass.
   */
  void createAndStart(ContainerCreation creation, ContainerIds ids) {
    createAndStart(creation, ids, Map.of());
  }

  /** Stops and removes {@code old}, then creates and starts the container of {@code creation}. */
  void replace(ContainerCreation creation, String old, ContainerIds ids, Map<String, String> stateLabels) {
    remove(creation, old, ids);
    createAndStart(creation, ids, stateLabels);
  }

  /** Stops and removes {@code old}, the container {@code creation} makes again. */
  void remove(ContainerCreation creation, String old, ContainerIds ids) {
    engine.stopContainer(old, creation.spec().stopTimeout().orElse(ContainerRef.DEFAULT_STOP_TIMEOUT));
    engine.removeContainer(old);
    ids.forget(creation.spec().name());
  }

  /** @param stateLabels labels beside the spec's (see {@link ContainerFingerprint#resolve}) */
  void createAndStart(ContainerCreation creation, ContainerIds ids, Map<String, String> stateLabels) {
    ContainerSpec spec = creation.spec();
    Optional<String> providerId = spec.namespaceProvider().map(ids::require);
    ResolvedContainer resolved =
        ContainerFingerprint.resolve(spec, creation.env().reveal(), providerId, creation.stack(), stateLabels);
    String id = engine.createContainer(resolved);
    ids.put(spec.name(), id);
    engine.startContainer(id);
  }
}
