package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A systemd unit the stack relies on.
 *
 * @param enabled empty means "leave the unit's enablement alone"
 */
public record UnitSpec(String name, UnitState state, Optional<Boolean> enabled) {
  public UnitSpec {
    requireNonNull(name, "name is null");
    requireNonNull(state, "state is null");
    requireNonNull(enabled, "enabled is null");
  }

  public enum UnitState { ACTIVE, INACTIVE }
}
