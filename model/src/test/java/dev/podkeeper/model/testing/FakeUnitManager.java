package dev.podkeeper.model.testing;

import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * systemd in memory: units that exist, their active and enablement state, and units whose start fails.
 * Checked against real systemd by {@link UnitManagerContract}.
 */
public final class FakeUnitManager implements UnitManager {
  private final Map<String, ObservedUnit> units = new LinkedHashMap<>();
  private final Set<String> failingStarts = new HashSet<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private boolean down;

  /** Declares a unit that exists (loaded), inactive and disabled. */
  public synchronized FakeUnitManager withUnit(String name) {
    units.put(name, new ObservedUnit(name, "loaded", "inactive", "dead", "disabled"));
    return this;
  }

  /** Every later start of {@code name} fails, as a unit whose ExecStart exits non-zero would. */
  public synchronized void failStartsOf(String name) {
    failingStarts.add(name);
  }

  public synchronized void setDown(boolean down) {
    this.down = down;
  }

  @Override
  public synchronized Map<String, ObservedUnit> observe(Collection<String> unitNames) {
    reachable();
    Map<String, ObservedUnit> result = new LinkedHashMap<>();
    for (String name : unitNames) {
      result.put(name, units.getOrDefault(name, new ObservedUnit(name, "not-found", "inactive", "dead", "")));
    }
    return result;
  }

  @Override
  public synchronized void start(String unit) {
    ObservedUnit u = existing(unit);
    if (failingStarts.contains(unit)) {
      set(new ObservedUnit(unit, u.loadState(), "failed", "failed", u.unitFileState()));
      throw new UnitException("start " + unit + " failed: systemd job result \"failed\"; see `journalctl -u "
          + unit + "`");
    }
    set(new ObservedUnit(unit, u.loadState(), "active", "running", u.unitFileState()));
  }

  /** Like systemd, a stop leaves a failed unit failed (only a start or reset-failed clears that). */
  @Override
  public synchronized void stop(String unit) {
    ObservedUnit u = existing(unit);
    if (!"failed".equals(u.activeState())) {
      set(new ObservedUnit(unit, u.loadState(), "inactive", "dead", u.unitFileState()));
    }
  }

  @Override
  public synchronized void restart(String unit) {
    existing(unit);
    try {
      stop(unit);
      start(unit);
    } catch (UnitException e) {
      throw new UnitException(e.getMessage().replaceFirst("^start ", "restart "), e);
    }
  }

  @Override
  public synchronized void enable(String unit) {
    ObservedUnit u = existing(unit);
    set(new ObservedUnit(unit, u.loadState(), u.activeState(), u.subState(), "enabled"));
  }

  @Override
  public synchronized void disable(String unit) {
    ObservedUnit u = existing(unit);
    set(new ObservedUnit(unit, u.loadState(), u.activeState(), u.subState(), "disabled"));
  }

  @Override
  public AutoCloseable subscribeChanges(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void set(ObservedUnit unit) {
    units.put(unit.name(), unit);
    listeners.forEach(l -> l.accept(unit.name()));
  }

  private ObservedUnit existing(String unit) {
    reachable();
    ObservedUnit u = units.get(unit);
    if (u == null) {
      throw new UnitException("unit " + unit + " not found");
    }
    return u;
  }

  private void reachable() {
    if (down) {
      throw new UnitException("system bus unreachable");
    }
  }
}
