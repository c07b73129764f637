package dev.podkeeper.systemd;

import static dev.podkeeper.systemd.SystemdConnection.message;
import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.systemd.SystemdConnection.Bus;
import dev.podkeeper.systemd.dbus.EnableResult;
import dev.podkeeper.systemd.dbus.Systemd1Manager;
import dev.podkeeper.systemd.dbus.UnitFileChange;
import dev.podkeeper.systemd.dbus.UnitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit-manager port over systemd's D-Bus API ({@code org.freedesktop.systemd1}).
 *
 * <p>Connects lazily and reconnects after the bus went away, so an unreachable bus is a {@link UnitException}
 * of the call that needed it, not of the agent's start. Start, stop and restart queue a job with mode
 * "replace" and wait (bounded) for its JobRemoved signal, like {@code systemctl start} does.
 */
public final class SystemdUnitManager implements UnitManager, AutoCloseable {
  public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofSeconds(90);

  private static final Logger LOG = LoggerFactory.getLogger(SystemdUnitManager.class);
  private static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
  private static final String MODE = "replace";

  private final Duration jobTimeout;
  private final JobTracker jobs = new JobTracker();
  private final SystemdConnection connection;

  private interface JobCall {
    DBusPath queue(Systemd1Manager manager, String unit, String mode);
  }

  /** @param address a D-Bus address, see {@link SystemdBus#resolve} */
  public SystemdUnitManager(String address) {
    this(address, DEFAULT_JOB_TIMEOUT);
  }

  public SystemdUnitManager(String address, Duration jobTimeout) {
    this.jobTimeout = requireNonNull(jobTimeout, "jobTimeout is null");
    this.connection = new SystemdConnection(address, jobs);
  }

  /** One ListUnitsByNames for all units, then one property read per unit that exists (its UnitFileState). */
  @Override
  public Map<String, ObservedUnit> observe(Collection<String> unitNames) {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(unitNames));
    Map<String, ObservedUnit> result = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return result;
    }
    Bus b = connection.bus();
    try {
      List<UnitStatus> rows = b.manager().ListUnitsByNames(names);
      if (rows.size() != names.size()) {
        throw new UnitException("observe " + names + ": systemd answered " + rows.size() + " rows for "
            + names.size() + " units");
      }
      for (int i = 0; i < names.size(); i++) {
        UnitStatus row = rows.get(i);
        String fileState = "not-found".equals(row.loadState) ? "" : unitFileState(b, row.unitPath);
        result.put(names.get(i),
            new ObservedUnit(names.get(i), row.loadState, row.activeState, row.subState, fileState));
      }
      return result;
    } catch (DBusExecutionException | DBusException e) {
      throw callFailed(b, "observe " + String.join(", ", names), e);
    }
  }

  @Override
  public void start(String unit) {
    runJob("start", unit, Systemd1Manager::StartUnit);
  }

  @Override
  public void stop(String unit) {
    runJob("stop", unit, Systemd1Manager::StopUnit);
  }

  @Override
  public void restart(String unit) {
    runJob("restart", unit, Systemd1Manager::RestartUnit);
  }

  @Override
  public void enable(String unit) {
    Bus b = connection.bus();
    try {
      EnableResult r = b.manager().EnableUnitFiles(List.of(unit), false, false);
      reloadIfChanged(b, "enable", unit, r.changes);
      if (!r.carriesInstallInfo && r.changes.isEmpty()) {
        throw new UnitException("enable " + unit + ": the unit has no [Install] section, so it cannot be enabled"
            + " (systemctl shows it as static); add an [Install] section to it, or drop `enabled:` for it");
      }
    } catch (DBusExecutionException e) {
      throw callFailed(b, "enable " + unit, e);
    }
  }

  @Override
  public void disable(String unit) {
    Bus b = connection.bus();
    try {
      reloadIfChanged(b, "disable", unit, b.manager().DisableUnitFiles(List.of(unit), false));
    } catch (DBusExecutionException e) {
      throw callFailed(b, "disable " + unit, e);
    }
  }

  /**
   * Calls {@code listener} with the unit's name on every PropertiesChanged of a unit object. One change
   * usually brings several calls (Unit and Service interfaces, each state transition): treat them as hints.
   */
  @Override
  public AutoCloseable subscribeChanges(Consumer<String> listener) {
    requireNonNull(listener, "listener is null");
    connection.bus();
    connection.addListener(listener);
    return () -> connection.removeListener(listener);
  }

  @Override
  public void close() {
    connection.close();
  }

  private void runJob(String operation, String unit, JobCall call) {
    Bus b = connection.bus();
    DBusPath job;
    try {
      job = call.queue(b.manager(), unit, MODE);
    } catch (DBusExecutionException e) {
      throw callFailed(b, operation + " " + unit, e);
    }
    LOG.debug("{} {}: queued job {}", operation, unit, job.getPath());
    Optional<String> result;
    try {
      result = jobs.await(job.getPath(), jobTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnitException(operation + " " + unit + ": interrupted while waiting for job " + job.getPath());
    } catch (ExecutionException e) {
      throw new UnitException(operation + " " + unit + ": lost the system bus at " + connection.address()
          + " while waiting for job " + job.getPath() + " (" + e.getCause().getMessage() + ")", e);
    }
    if (result.isEmpty()) {
      throw new UnitException(operation + " " + unit + ": job " + job.getPath() + " did not finish within "
          + jobTimeout.toSeconds() + " s; systemd may still be working on it (see `systemctl list-jobs` and"
          + " `journalctl -u " + unit + "`)");
    }
    if (!"done".equals(result.get())) {
      throw new UnitException(operation + " " + unit + " failed: systemd job result \"" + result.get() + "\" ("
          + JobResults.explain(result.get()) + "); see `journalctl -u " + unit + "` and `systemctl status "
          + unit + "`");
    }
  }

  /**
   * Like {@code systemctl enable}, but without the daemon-reload when no symlink changed: a reload re-reads every
   * unit and costs hundreds of milliseconds, and enabling an enabled unit is the common, idempotent case.
   */
  private static void reloadIfChanged(Bus b, String operation, String unit, List<UnitFileChange> changes) {
    if (changes.isEmpty()) {
      LOG.debug("{} {}: no unit file changed", operation, unit);
      return;
    }
    LOG.debug("{} {}: {} change(s), reloading", operation, unit, changes.size());
    b.manager().Reload();
  }

  private String unitFileState(Bus b, DBusPath unitPath) throws DBusException {
    Properties properties =
        b.connection().getRemoteObject(Systemd1Manager.BUS_NAME, unitPath.getPath(), Properties.class);
    Object state = properties.Get(UNIT_INTERFACE, "UnitFileState");
    return state == null ? "" : state.toString();
  }

  /** systemd's own error (e.g. "Unit x.service not found."), or the connection that broke under the call. */
  private UnitException callFailed(Bus b, String what, Exception e) {
    return callFailed(what, e, b.connection().isConnected(), connection.address());
  }

  static UnitException callFailed(String what, Exception e, boolean connected, String address) {
    if (noReply(e)) {
      return new UnitException(what + ": systemd did not answer within " + SystemdConnection.CALL_TIMEOUT.toSeconds()
          + " s (D-Bus call on " + address + "); it may be busy or stuck: see `systemctl list-jobs` and"
          + " `journalctl -u dbus`; the next pass tries again", e);
    }
    if (!connected) {
      return new UnitException(what + ": lost the system bus at " + address + " (" + message(e)
          + "); the next call reconnects", e);
    }
    String type = e instanceof DBusExecutionException x && x.getType() != null ? " (" + x.getType() + ")" : "";
    return new UnitException(what + ": systemd refused: " + message(e) + type, e);
  }

  /** dbus-java's words when a call's reply did not come within the call timeout. */
  static boolean noReply(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("No reply within specified time")) {
        return true;
      }
    }
    return false;
  }
}
