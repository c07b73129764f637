package dev.podkeeper.agent.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.systemd.SystemdBus;
import dev.podkeeper.systemd.SystemdUnitManager;

/**
 * systemd over D-Bus at {@code --systemd-bus}. It connects at its first call, so a missing bus fails the unit
 * actions of a pass (and skips what requires those units), not the agent's start.
 */
public final class UnitsModule extends AbstractModule {
  private final String busOption;

  /** @param busOption the {@code --systemd-bus} value, or null when not given */
  public UnitsModule(String busOption) {
    this.busOption = busOption;
  }

  @Provides
  @Singleton
  UnitManager units() {
    return new SystemdUnitManager(SystemdBus.resolve(busOption));
  }
}
