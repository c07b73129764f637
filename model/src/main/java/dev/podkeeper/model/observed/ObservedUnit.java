package dev.podkeeper.model.observed;

import static java.util.Objects.requireNonNull;

/**
 * A systemd unit as the manager reports it.
 *
 * @param activeState ActiveState: active, inactive, failed, activating, deactivating, reloading
 * @param subState SubState, e.g. running, dead, exited
 * @param unitFileState UnitFileState: enabled, disabled, static, masked, ... ("" when the unit has no file)
 * @param loadState LoadState: loaded, not-found, masked, error
 */
public record ObservedUnit(String name, String loadState, String activeState, String subState, String unitFileState) {
  public ObservedUnit {
    requireNonNull(name, "name is null");
    requireNonNull(loadState, "loadState is null");
    requireNonNull(activeState, "activeState is null");
    requireNonNull(subState, "subState is null");
    requireNonNull(unitFileState, "unitFileState is null");
  }

  public boolean active() {
    return "active".equals(activeState);
  }

  public boolean enabled() {
    return unitFileState.startsWith("enabled");
  }

  public boolean exists() {
    return !"not-found".equals(loadState);
  }
}
