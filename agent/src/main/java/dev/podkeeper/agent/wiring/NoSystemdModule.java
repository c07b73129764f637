package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --no-systemd}: instead of systemd over D-Bus, a unit manager that answers "not managed here" to
 * everything, so that no D-Bus connection is ever attempted. The planner plans no unit action in that mode
 * and the observer asks for no unit; should anything call it anyway, the call fails with this word.
 */
public final class NoSystemdModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(UnitManager.class).toInstance(new NotManagedHere());
  }

  static final class NotManagedHere implements UnitManager {
    static final String MESSAGE = "units are not managed here (--no-systemd)";

    @Override
    public Map<String, ObservedUnit> observe(Collection<String> unitNames) {
      throw new UnitException(MESSAGE);
    }

    @Override
    public void start(String unit) {
      throw refused("start", unit);
    }

    @Override
    public void stop(String unit) {
      throw refused("stop", unit);
    }

    @Override
    public void restart(String unit) {
      throw refused("restart", unit);
    }

    @Override
    public void enable(String unit) {
      throw refused("enable", unit);
    }

    @Override
    public void disable(String unit) {
      throw refused("disable", unit);
    }

    @Override
    public AutoCloseable subscribeChanges(Consumer<String> listener) {
      return () -> { };
    }

    private static UnitException refused(String operation, String unit) {
      return new UnitException(operation + " " + unit + ": " + MESSAGE);
    }
  }
}
