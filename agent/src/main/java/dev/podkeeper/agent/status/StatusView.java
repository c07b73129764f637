package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.observed.ObservedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the rows of {@code podkeeper status}: every object of the file in the file's order (networks,
 * directories, env files, units, containers), then objects of the stack that are no longer in it.
 * One object's state comes from this pass's action on it (none: as desired); its last action, cause and
 * error from {@code history}, which remembers them across passes.
 */
public final class StatusView {
  private final DesiredState desired;
  private final Optional<ObservedState> observed;
  private final Function<String, Optional<Instant>> backingOffUntil;

  /**
   * @param observed the observation, for a fresh view; the agent's view has none and says "as desired"
   * @param backingOffUntil a container's crash-loop backoff end, if it is backing off
   */
  public StatusView(DesiredState desired, Optional<ObservedState> observed,
      Function<String, Optional<Instant>> backingOffUntil) {
    this.desired = requireNonNull(desired, "desired is null");
    this.observed = requireNonNull(observed, "observed is null");
    this.backingOffUntil = requireNonNull(backingOffUntil, "backingOffUntil is null");
  }

  public List<ObjectStatus> rows(List<ActionStep> thisPass, Map<ObjectKey, ActionStep> history) {
    Map<ObjectKey, ActionStep> principal = new LinkedHashMap<>();
    for (ActionStep step : thisPass) {
      principal.merge(step.key(), step, (first, later) -> first.isHealthWait() ? later : first);
    }
    Map<ObjectKey, String> wanted = desiredObjects();
    List<ObjectStatus> rows = new ArrayList<>();
    wanted.forEach((key, desiredText) -> rows.add(row(key, desiredText, principal.get(key), history.get(key))));
    principal.forEach((key, step) -> {
      if (!wanted.containsKey(key) && !step.removedForGood()) {
        rows.add(row(key, "absent (not in the file)", step, history.get(key)));
      }
    });
    return rows;
  }

  private ObjectStatus row(ObjectKey key, String desiredText, ActionStep now, ActionStep last) {
    ObjectState state = now == null ? ObjectState.OK : now.state();
    Optional<Instant> backoff = key.kind().equals("container") ? backingOffUntil.apply(key.name()) : Optional.empty();
    if (backoff.isPresent() && state != ObjectState.OK) {
      state = ObjectState.BACKING_OFF;
    }
    ActionStep shown = last != null ? last : now;
    return new ObjectStatus(key.kind(), key.name(), desiredText, actual(key, now), state,
        state == ObjectState.BACKING_OFF ? backoff : Optional.empty(),
        Optional.ofNullable(shown).map(s -> s.action().kind().word()),
        Optional.ofNullable(shown).map(s -> s.action().cause()),
        Optional.ofNullable(shown).flatMap(ActionStep::error));
  }

  private Map<ObjectKey, String> desiredObjects() {
    Map<ObjectKey, String> objects = new LinkedHashMap<>();
    desired.networks().keySet().forEach(n -> objects.put(new ObjectKey("network", n), "present"));
    desired.directories().forEach(d -> objects.put(new ObjectKey("directory", d.path().toString()), "present"));
    desired.envFiles().keySet().forEach(n -> objects.put(new ObjectKey("env-file", n), "written"));
    desired.units().values().forEach(u -> objects.put(new ObjectKey("unit", u.name()), unitText(u)));
    desired.containers().keySet().forEach(n -> objects.put(new ObjectKey("container", n), "running"));
    return objects;
  }

  private static String unitText(UnitSpec unit) {
    return unit.state().name().toLowerCase(Locale.ROOT)
        + unit.enabled().map(enabled -> enabled ? ", enabled" : ", disabled").orElse("");
  }

  /** What is there now: observed facts when there is an observation, else the cause of the pending action. */
  private String actual(ObjectKey key, ActionStep now) {
    Optional<String> seen = observed.flatMap(state -> switch (key.kind()) {
      case "container" -> Optional.of(state.container(key.name())
          .map(c -> c.status().name().toLowerCase(Locale.ROOT)
              + (c.health().name().equals("NONE") ? "" : " (" + c.health().name().toLowerCase(Locale.ROOT) + ")"))
          .orElse("absent"));
      case "network" -> Optional.of(state.network(key.name()).isPresent() ? "present" : "absent");
      case "unit" -> Optional.ofNullable(state.units().get(key.name()))
          .map(u -> u.activeState() + (u.unitFileState().isEmpty() ? "" : ", " + u.unitFileState()));
      default -> Optional.empty();
    });
    return seen.orElseGet(() -> now == null ? "as desired" : now.action().cause());
  }
}
