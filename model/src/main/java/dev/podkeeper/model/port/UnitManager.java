package dev.podkeeper.model.port;

import dev.podkeeper.model.observed.ObservedUnit;
import java.util.Collection;
import java.util.Map;

/**
 * systemd, as reconcile needs it. Implemented over D-Bus by the systemd adapter and in memory by
 * {@code FakeUnitManager}. Job-starting methods return once the job has completed and throw
 * {@link UnitException} if it failed.
 */
public interface UnitManager {

  Map<String, ObservedUnit> observe(Collection<String> unitNames);

  void start(String unit);

  void stop(String unit);

  void restart(String unit);

  /** Enables the unit files and reloads the manager. */
  void enable(String unit);

  /** Disables the unit files and reloads the manager. */
  void disable(String unit);

  /** Calls {@code listener} with a unit's name whenever one of its properties changes; close to stop. */
  AutoCloseable subscribeChanges(java.util.function.Consumer<String> listener);
}
