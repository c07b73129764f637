package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.ActionText;
import dev.podkeeper.agent.plan.ExitCause;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.ProxyObjects;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the rows of {@code podkeeper status}: every object of the file in the file's order (networks,
 * directories, env files, units, containers, sites and routes), then objects of the stack that are no longer in it.
 *
 * <p>The agent's view and a fresh one use the same words: what is there is what the pass observed, moved on
 * by what its actions did ({@code running (healthy)} after a passing health wait), and an object that waits
 * says for what ({@code waiting for unit zigbee2mqtt.service, which failed}) in {@link ActionText}'s words. Its
 * last action, cause and error come from {@code history}, which remembers them across passes.
 */
public final class StatusView {
  static final String UNITS_UNCHECKED = "not checked (--no-systemd)";
  private static final String UNKNOWN = "unknown (the engine could not be listed)";

  private final DesiredState desired;
  private final Optional<ObservedState> observed;
  private final Function<String, Optional<Instant>> backingOffUntil;
  private final boolean noSystemd;

  /**
   * @param observed what the pass (or the fresh view) observed before acting; empty when the engine could not be listed
   * @param backingOffUntil a container's crash-loop backoff end, if it is backing off
   * @param noSystemd {@code --no-systemd}: units are shown as not checked
   */
  public StatusView(DesiredState desired, Optional<ObservedState> observed,
      Function<String, Optional<Instant>> backingOffUntil, boolean noSystemd) {
    this.desired = requireNonNull(desired, "desired is null");
    this.observed = requireNonNull(observed, "observed is null");
    this.backingOffUntil = requireNonNull(backingOffUntil, "backingOffUntil is null");
    this.noSystemd = noSystemd;
  }

  public StatusView(DesiredState desired, Optional<ObservedState> observed,
      Function<String, Optional<Instant>> backingOffUntil) {
    this(desired, observed, backingOffUntil, false);
  }

  public List<ObjectStatus> rows(List<ActionStep> thisPass, Map<ObjectKey, ActionStep> history) {
    Map<ObjectKey, ActionStep> principal = new LinkedHashMap<>();
    Map<String, ActionStep> byId = new HashMap<>();
    Set<ObjectKey> healthyNow = new HashSet<>();
    for (ActionStep step : thisPass) {
      principal.merge(step.key(), step, (first, later) -> first.isHealthWait() ? later : first);
      byId.put(step.action().id(), step);
      if (step.isHealthWait() && step.succeeded()) {
        healthyNow.add(step.key());
      }
    }
    Map<ObjectKey, String> wanted = desiredObjects();
    List<ObjectStatus> rows = new ArrayList<>();
    wanted.forEach((key, desiredText) -> rows.add(
        row(key, desiredText, principal.get(key), history.get(key), byId, healthyNow.contains(key))));
    principal.forEach((key, step) -> {
      if (!wanted.containsKey(key) && !step.removedForGood()) {
        rows.add(row(key, "absent (not in the file)", step, history.get(key), byId, false));
      }
    });
    return rows;
  }

  private ObjectStatus row(ObjectKey key, String desiredText, ActionStep now, ActionStep last,
      Map<String, ActionStep> byId, boolean healthyNow) {
    boolean unchecked = noSystemd && key.kind().equals("unit");
    ObjectState state = unchecked ? ObjectState.UNCHECKED : now == null ? ObjectState.OK : now.state();
    Optional<Instant> backoff = key.kind().equals("container") ? backingOffUntil.apply(key.name()) : Optional.empty();
    if (backoff.isPresent() && !state.settled()) {
      state = ObjectState.BACKING_OFF;
    }
    ActionStep shown = last != null ? last : now;
    return new ObjectStatus(key.kind(), key.name(), desiredText,
        unchecked ? UNITS_UNCHECKED : actual(key, desiredText, now, healthyNow), state,
        state == ObjectState.BACKING_OFF ? backoff : Optional.empty(),
        Optional.ofNullable(now).flatMap(step -> reason(step, byId)),
        ports(key),
        Optional.ofNullable(shown).map(s -> s.action().kind().word()),
        Optional.ofNullable(shown).map(s -> s.action().cause()),
        Optional.ofNullable(shown).flatMap(ActionStep::error));
  }

  /** What it waits for, or why it was skipped: from the step it waited for, or its own preset. */
  private static Optional<String> reason(ActionStep step, Map<String, ActionStep> byId) {
    if (step.outcome().isEmpty()) {
      return step.expected().filter(e -> e.outcome() == Outcome.SKIPPED).map(e -> e.reason());
    }
    if (step.outcome().get() != Outcome.SKIPPED) {
      return Optional.empty();
    }
    Optional<String> waited = step.action().waitsFor().stream()
        .map(byId::get)
        .filter(d -> d != null && d.outcome().isPresent() && d.outcome().get() != Outcome.OK)
        .findFirst()
        .map(d -> ActionText.skippedFor(d.action(), d.outcome().get()));
    return waited.or(() -> step.action().preset().map(p -> "skipped: " + p.reason()));
  }

  private List<String> ports(ObjectKey key) {
    ContainerSpec spec = key.kind().equals("container") ? desired.containers().get(key.name()) : null;
    return spec == null ? List.of() : spec.ports().stream().map(PortMapping::toString).toList();
  }

  private Map<ObjectKey, String> desiredObjects() {
    Map<ObjectKey, String> objects = new LinkedHashMap<>();
    desired.networks().keySet().forEach(n -> objects.put(new ObjectKey("network", n), "present"));
    desired.directories().forEach(d -> objects.put(new ObjectKey("directory", d.path().toString()), "present"));
    desired.envFiles().keySet().forEach(n -> objects.put(new ObjectKey("env-file", n), "written"));
    desired.units().values().forEach(u -> objects.put(new ObjectKey("unit", u.name()), unitText(u)));
    desired.containers().keySet().forEach(n -> objects.put(new ObjectKey("container", n), "running"));
    ProxyObjects.of(desired).forEach(o -> objects.put(ObjectKey.of(o.domain(), o.target()), o.desired()));
    return objects;
  }

  private static String unitText(UnitSpec unit) {
    return unit.state().name().toLowerCase(Locale.ROOT)
        + unit.enabled().map(enabled -> enabled ? ", enabled" : ", disabled").orElse("");
  }

  /**
   * What is there: what the action on it made of it when it succeeded, else what was observed. Directories and
   * env files are not observed for status: as desired without an action, else what the action's cause found.
   */
  private String actual(ObjectKey key, String desiredText, ActionStep now, boolean healthyNow) {
    boolean done = now != null && now.succeeded();
    switch (key.kind()) {
      case "container" -> {
        if (done && now.action().kind() != ActionKind.REPORT_CLASH) {
          return healthyNow ? "running (healthy)" : running(key.name());
        }
        return observed.map(o -> o.container(key.name()).map(StatusView::words).orElse("absent"))
            .orElse(UNKNOWN);
      }
      case "network" -> {
        return done ? "present"
            : observed.map(o -> o.network(key.name()).isPresent() ? "present" : "absent").orElse(UNKNOWN);
      }
      case "unit" -> {
        return done ? desiredText : observed.flatMap(o -> Optional.ofNullable(o.units().get(key.name())))
            .map(u -> u.activeState() + (u.unitFileState().isEmpty() ? "" : ", " + u.unitFileState()))
            .orElse(now == null ? desiredText : now.action().cause());
      }
      default -> {
        return now == null || done ? desiredText : now.action().cause();
      }
    }
  }

  /** A container just created or started: its health is not known until a check has passed. */
  private String running(String name) {
    ContainerSpec spec = desired.containers().get(name);
    return spec != null && spec.health().isPresent() ? "running (starting)" : "running";
  }

  /** {@code running (healthy)}, {@code exited 137 (killed)}, {@code OOM-killed}, {@code paused}, ... */
  static String words(ObservedContainer c) {
    if (c.status() == ContainerStatus.EXITED) {
      return ExitCause.of(c);
    }
    String status = c.status().name().toLowerCase(Locale.ROOT);
    return c.health() == HealthStatus.NONE ? status : status + " (" + c.health().name().toLowerCase(Locale.ROOT) + ")";
  }
}
