package dev.podkeeper.agent.update;

import dev.podkeeper.agent.execute.UpdateOutcomes;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.reconcile.LogLevel;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.update.UpdateFinding.State;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.LocalImage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The update side of each pass: asks the registry about the followed references that are due, works out each
 * followed container's finding, and logs a line when a container's finding changes ({@code update-available},
 * {@code held-back}, {@code update-check-failed}, each with both digests): a check that keeps failing for the
 * same reason is one line, not one per interval, and is never "up to date". Told how the updates it found end
 * ({@link UpdateOutcomes}), it logs {@code updated}, or {@code rolled-back} and {@code held-back}.
 */
public final class UpdateWatch implements UpdateOutcomes {
  /** For passes that never look at updates (tests, commands without a registry). */
  public static final UpdateWatch NONE =
      new UpdateWatch(null, null, UpdateSchedule.ON_REQUEST, null, UpdateEvents.NONE);

  private final RegistryChecks checks;
  private final ContainerEngine engine;
  /** A container's image never changes: asked of the engine once per container. */
  private final Map<String, Optional<LocalImage>> containerImages = new HashMap<>();
  private final UpdateSchedule schedule;
  private static final int MAX_REMEMBERED = 1000;
  private final ReconcileLog log;
  private final UpdateEvents events;
  private final AtomicBoolean checkNow = new AtomicBoolean();
  private final Map<String, String> logged = new HashMap<>();
  /** The gates that ended in this process ({@link #gateKey}): their labels stay, until their deadline. */
  private final Set<String> ended = new HashSet<>();
  private volatile List<UpdateFinding> findings = List.of();

  public UpdateWatch(RegistryChecks checks, ContainerEngine engine, UpdateSchedule schedule, ReconcileLog log,
      UpdateEvents events) {
    this.checks = checks;
    this.engine = engine;
    this.schedule = schedule;
    this.log = log;
    this.events = events;
  }

  /** {@code --check-updates}: the next pass asks about every followed reference, due or not. */
  public void checkNow() {
    checkNow.set(true);
  }

  /** The findings of the last pass, for status and plan. */
  public List<UpdateFinding> findings() {
    return findings;
  }

  /** What {@link #preview} found, and what asking cost. */
  public record Preview(List<UpdateFinding> findings, int referencesAsked, Duration took) {}

  /** {@code plan --check-updates}: asks about every followed reference now; the findings, nothing logged. */
  public synchronized Preview preview(DesiredState desired, ObservedState observed) {
    if (checks == null) {
      return new Preview(List.of(), 0, Duration.ZERO);
    }
    long start = System.nanoTime();
    int asked = checks.checkDue(desired, true);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Preview(UpdateFindings.of(desired, observed, checks::latest, this::containerImage, engine::inspectImage), asked, took);
  }

  /** {@code status FILE}: the findings from what is known now, asking no registry and logging nothing. */
  public synchronized List<UpdateFinding> current(DesiredState desired, ObservedState observed) {
    return checks == null ? List.of()
        : UpdateFindings.of(desired, observed, checks::latest, this::containerImage, engine::inspectImage);
  }

  /** Checks what is due, and logs what changed; the findings. */
  public synchronized List<UpdateFinding> observe(DesiredState desired, ObservedState observed) {
    if (checks == null) {
      return List.of();
    }
    boolean now = checkNow.getAndSet(false);
    if (now || schedule == UpdateSchedule.INTERVALS) {
      checks.checkDue(desired, now);
    }
    findings = UpdateFindings.of(desired, observed, checks::latest, this::containerImage, engine::inspectImage);
    findings.forEach(this::logIfChanged);
    return findings;
  }

  private Optional<LocalImage> containerImage(String containerId) {
    if (containerImages.size() > MAX_REMEMBERED) {
      containerImages.clear();
    }
    return containerImages.computeIfAbsent(containerId, engine::containerImage);
  }

  /**
   * The updates to perform in this pass, by container: each finding of an update available under {@code mode: apply}.
   * A {@code local} one names image IDs: the image is in the store already, and the executor pulls nothing.
   */
  public static Map<String, ImageUpdate> toPerform(List<UpdateFinding> findings) {
    Map<String, ImageUpdate> updates = new LinkedHashMap<>();
    for (UpdateFinding f : findings) {
      UpdatePolicy policy = f.policy();
      if (f.state() == State.UPDATE_AVAILABLE && policy.mode() == UpdatePolicy.Mode.APPLY
          && f.available().isPresent()) {
        updates.put(f.container(), new ImageUpdate(f.container(), f.image(), f.running(), f.available().get(),
            policy.rollback(), policy.healthTimeout()));
      }
    }
    return updates;
  }

  /**
   * The update gates still open on the stack's containers, by container name, as their labels say at {@code now}
   * ({@link UpdateGate#openOn}), less those that ended in this process: a gate that passed early stays open by its
   * labels until its deadline, and is not run again.
   */
  public synchronized Map<String, UpdateGate> openGates(DesiredState desired, ObservedState observed, Instant now) {
    if (checks == null) {
      return Map.of();
    }
    Map<String, UpdateGate> open = new LinkedHashMap<>();
    for (ContainerSpec spec : desired.containers().values()) {
      observed.container(spec.name()).filter(c -> c.managedBy(desired.stack()))
          .flatMap(c -> UpdateGate.openOn(c, spec, now))
          .filter(gate -> !ended.contains(gateKey(gate)))
          .ifPresent(gate -> open.put(spec.name(), gate));
    }
    return open;
  }

  private static String gateKey(UpdateGate gate) {
    return gate.update().container() + "@" + gate.until();
  }

  @Override
  public synchronized void updated(UpdateGate gate) {
    remember(gate);
    say(LogLevel.INFO, outcome("updated", gate.update()));
  }

  /** Said by the failed action's own ERROR line; the gate is over, and not run again while its labels say open. */
  @Override
  public synchronized void failedWithoutRollback(UpdateGate gate) {
    remember(gate);
  }

  private void remember(UpdateGate gate) {
    if (ended.size() > MAX_REMEMBERED) {
      ended.clear();
    }
    ended.add(gateKey(gate));
  }

  @Override
  public synchronized void rolledBack(UpdateGate gate, String why) {
    remember(gate);
    ImageUpdate update = gate.update();
    Map<String, Object> fields = outcome("rolled-back", update);
    fields.put("reason", why);
    say(LogLevel.WARN, fields);
    say(LogLevel.INFO, outcome(State.HELD_BACK.word(), update));
    // The next pass finds it held back: said already.
    logged.put(update.container(), said(State.HELD_BACK, Optional.of(update.to()), Optional.empty(), update.from()));
  }

  private static Map<String, Object> outcome(String event, ImageUpdate update) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", event);
    fields.put("target", update.container());
    fields.put("image", update.image());
    fields.put("from", update.from().orElse("unknown"));
    fields.put("to", update.to());
    return fields;
  }

  private static String said(State state, Optional<String> available, Optional<String> reason,
      Optional<String> running) {
    return state + "|" + available.orElse("") + "|" + reason.orElse("") + "|" + running.orElse("");
  }

  private void logIfChanged(UpdateFinding f) {
    if (f.state() == State.NOT_CHECKED) {
      return;
    }
    String said = said(f.state(), f.available(), f.reason(), f.running());
    if (said.equals(logged.put(f.container(), said)) || f.state() == State.UP_TO_DATE) {
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", f.state().word());
    fields.put("target", f.container());
    fields.put("image", f.image());
    fields.put("running", f.running().orElse("unknown"));
    fields.put("available", f.available().orElse(null));
    fields.put("mode", f.policy().mode().word());
    fields.put("reason", f.reason().orElse(null));
    say(f.state() == State.CHECK_FAILED ? LogLevel.WARN : LogLevel.INFO, fields);
  }

  /** One update line of the log, and its event word to whoever counts them. */
  private void say(LogLevel level, Map<String, Object> fields) {
    log.event(level, fields);
    events.logged((String) fields.get("event"));
  }
}
