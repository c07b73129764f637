package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One step of a plan: what to do ({@link #kind}) to which object ({@link #target}), why ({@link #cause}),
 * which actions must have succeeded first ({@link #waitsFor}), and which must merely have finished first,
 * however they went ({@link #after}). The id, {@code kind:target}, is stable across passes so that logs of
 * successive passes can be compared, and retries are kept by it.
 *
 * @param after actions to let finish first because they may free something this one needs (an orphan's
 *     removal frees the host port a new container may publish) but whose failure it does not share
 */
public record Action(
    String id,
    ActionKind kind,
    String target,
    String cause,
    List<String> waitsFor,
    List<String> after,
    ActionInput input,
    Optional<PresetOutcome> preset) {

  public Action {
    requireNonNull(id, "id is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(target, "target is null");
    requireNonNull(cause, "cause is null");
    waitsFor = List.copyOf(new LinkedHashSet<>(waitsFor));
    LinkedHashSet<String> onlyAfter = new LinkedHashSet<>(after);
    onlyAfter.removeAll(waitsFor);
    after = List.copyOf(onlyAfter);
    requireNonNull(input, "input is null");
    requireNonNull(preset, "preset is null");
    if (waitsFor.contains(id) || after.contains(id)) {
      throw new IllegalArgumentException(id + " waits for itself");
    }
  }

  public static Action of(ActionKind kind, String target, String cause, ActionInput input) {
    return new Action(idOf(kind, target), kind, target, cause, List.of(), List.of(), input, Optional.empty());
  }

  public static String idOf(ActionKind kind, String target) {
    return kind.word() + ":" + target;
  }

  public Action waitingFor(Collection<String> ids) {
    List<String> all = new ArrayList<>(waitsFor);
    all.addAll(ids);
    return new Action(id, kind, target, cause, all, after, input, preset);
  }

  /** Starts only once {@code ids} have finished, whether they succeeded or not. */
  public Action after(Collection<String> ids) {
    List<String> all = new ArrayList<>(after);
    all.addAll(ids);
    return new Action(id, kind, target, cause, waitsFor, all, input, preset);
  }

  /** Everything that must have finished before this action starts: {@link #waitsFor} and {@link #after}. */
  public List<String> startsAfter() {
    List<String> all = new ArrayList<>(waitsFor);
    all.addAll(after);
    return all;
  }

  public Action failing(String error) {
    return new Action(id, kind, target, cause, waitsFor, after, input,
        Optional.of(new PresetOutcome(Outcome.FAILED, error)));
  }

  public Action skipping(String reason) {
    return new Action(id, kind, target, cause, waitsFor, after, input,
        Optional.of(new PresetOutcome(Outcome.SKIPPED, reason)));
  }

  /** The input as the type a step expects; a mismatch is a planner bug. */
  public <T extends ActionInput> T input(Class<T> type) {
    if (!type.isInstance(input)) {
      throw new IllegalStateException(id + " carries " + input.getClass().getSimpleName() + ", not " + type.getSimpleName());
    }
    return type.cast(input);
  }

  /** {@code kind target: cause}, in {@link ActionText}'s words. */
  public String describe() {
    return ActionText.line(this);
  }
}
