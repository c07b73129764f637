package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.UnitManager;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change of {@code caddy.service} asks for a pass when it is a unit of a file with routes: a started, restarted
 * or reloaded Caddy has forgotten every route put in through its API, and gets them back at once rather than at
 * the next resync. systemd's property changes are hints (one start brings several), which the loop coalesces; a
 * pass while Caddy is still starting finds it unreachable, and the change to active brings the next one.
 */
public final class CaddyUnitWatch implements Managed {
  static final String CADDY = "caddy.service";
  private static final Logger log = LoggerFactory.getLogger(CaddyUnitWatch.class);

  private final UnitManager units;
  private final Supplier<Optional<DesiredState>> desired;
  private final PassRequester loop;
  private AutoCloseable subscription = () -> { };

  public CaddyUnitWatch(UnitManager units, Supplier<Optional<DesiredState>> desired, PassRequester loop) {
    this.units = requireNonNull(units, "units is null");
    this.desired = requireNonNull(desired, "desired is null");
    this.loop = requireNonNull(loop, "loop is null");
  }

  /**
   * Subscribes only when the file the agent starts with keeps routes and has caddy.service, so that an agent
   * without them never connects to the system bus for this; a file that gains them later waits for the resync.
   */
  @Override
  public void start() {
    if (desired.get().filter(CaddyUnitWatch::keepsRoutesOfCaddyUnit).isEmpty()) {
      return;
    }
    try {
      subscription = units.subscribeChanges(this::changed);
    } catch (RuntimeException e) {
      // No system bus (or --no-systemd): the resync still brings Caddy's routes back.
      log.debug("not watching {}: {}", CADDY, e.getMessage());
    }
  }

  void changed(String unit) {
    if (CADDY.equals(unit) && desired.get().filter(CaddyUnitWatch::keepsRoutesOfCaddyUnit).isPresent()) {
      loop.request(Trigger.EVENT);
    }
  }

  private static boolean keepsRoutesOfCaddyUnit(DesiredState state) {
    return !state.proxy().isEmpty() && state.units().containsKey(CADDY);
  }

  @Override
  public void stop() throws Exception {
    subscription.close();
  }
}
