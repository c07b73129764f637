package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.ContainerRef;
import dev.podkeeper.agent.plan.ContainerFingerprint;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ResolvedContainer;
import java.util.Map;
import java.util.Optional;

/** What creating and recreating share: making the image present, then create and start. */
final class ContainerCreator {
  private final ContainerEngine engine;

  ContainerCreator(ContainerEngine engine) {
    this.engine = engine;
  }

  /** Pulls as the spec's policy says. Done before an old container is removed, so a failed pull leaves it be. */
  void ensureImage(ContainerSpec spec) {
    String image = spec.image();
    switch (spec.pull()) {
      case ALWAYS -> engine.pullImage(image);
      case MISSING -> {
        if (!engine.imageExists(image)) {
          engine.pullImage(image);
        }
      }
      case NEVER -> {
        if (!engine.imageExists(image)) {
          throw new StepException(FailureKind.PERMANENT, "create container " + spec.name() + ": image " + image
              + " is not in the engine's store and its pull policy is never: pull or import it first");
        }
      }
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
