package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.observed.ObservedContainer;
import java.util.Optional;

/**
 * What one desired container needs, before it is turned into actions.
 *
 * @param current the container of that name, if any (an unmanaged one for {@link Kind#CLASH})
 * @param problem why it cannot be done ({@link Kind#CLASH}, {@link Kind#UNRESOLVED})
 * @param split for {@link Kind#REPLACE}: remove in the removal phase and create later, because something
 *     removed in between (its namespace provider, its network) cannot go while it exists
 * @param update for {@link Kind#REPLACE}: the image update the recreate performs
 * @param gate for {@link Kind#FINISH_GATE}: the update gate still open on the container
 */
record ContainerVerdict(String name, Kind kind, String cause, Optional<ObservedContainer> current,
    Optional<String> problem, boolean split, Optional<ImageUpdate> update, Optional<UpdateGate> gate) {

  enum Kind { OK, CREATE, REPLACE, START, RESTART, FINISH_GATE, CLASH, UNRESOLVED }

  ContainerVerdict {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(cause, "cause is null");
    requireNonNull(current, "current is null");
    requireNonNull(problem, "problem is null");
    requireNonNull(update, "update is null");
    requireNonNull(gate, "gate is null");
  }

  ContainerVerdict(String name, Kind kind, String cause, Optional<ObservedContainer> current,
      Optional<String> problem, boolean split) {
    this(name, kind, cause, current, problem, split, Optional.empty(), Optional.empty());
  }

  /** A running container whose followed tag moved on: recreated on the new image. */
  static ContainerVerdict update(ObservedContainer current, ImageUpdate update) {
    return new ContainerVerdict(current.name(), Kind.REPLACE, update.cause(), Optional.of(current), Optional.empty(),
        false, Optional.of(update), Optional.empty());
  }

  /** A container an update created, whose health gate an earlier process left open: it is finished now. */
  static ContainerVerdict finishGate(ObservedContainer current, UpdateGate gate) {
    return new ContainerVerdict(current.name(), Kind.FINISH_GATE, gate.cause(), Optional.of(current),
        Optional.empty(), false, Optional.empty(), Optional.of(gate));
  }

  static ContainerVerdict of(Kind kind, ObservedContainer current, String cause) {
    return new ContainerVerdict(current.name(), kind, cause, Optional.of(current), Optional.empty(), false);
  }

  static ContainerVerdict create(String name) {
    return new ContainerVerdict(name, Kind.CREATE, "missing", Optional.empty(), Optional.empty(), false);
  }

  static ContainerVerdict replace(ObservedContainer current, String cause, boolean split) {
    return new ContainerVerdict(current.name(), Kind.REPLACE, cause, Optional.of(current), Optional.empty(), split);
  }

  static ContainerVerdict start(ObservedContainer current, String cause) {
    return new ContainerVerdict(current.name(), Kind.START, cause, Optional.of(current), Optional.empty(), false);
  }

  static ContainerVerdict impossible(Kind kind, String name, Optional<ObservedContainer> current, String cause,
      String problem) {
    return new ContainerVerdict(name, kind, cause, current, Optional.of(problem), false);
  }

  /** Whether the container will run under a new ID after this pass. */
  boolean getsNewId() {
    return kind == Kind.CREATE || kind == Kind.REPLACE;
  }

  String currentId() {
    return current.orElseThrow().id();
  }
}
