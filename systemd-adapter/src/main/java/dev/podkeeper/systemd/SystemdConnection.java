package dev.podkeeper.systemd;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.systemd.dbus.Systemd1Manager;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties.PropertiesChanged;
import org.freedesktop.dbus.messages.MethodCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to systemd's bus: made on first use, made again on the first use after it broke, each time
 * with the signal handlers (JobRemoved to the {@link JobTracker}, unit PropertiesChanged to the listeners)
 * and a Subscribe, without which systemd sends neither.
 */
final class SystemdConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdConnection.class);
  // dbus-java retries a failed connect every 500 ms until this timeout (default 10 s): an absent bus would
  // otherwise stall every reconcile pass that long.
  private static final int CONNECT_TIMEOUT_MS = 1000;
  /**
   * How long any D-Bus call waits for systemd's reply. dbus-java's own default (20 s), set here so that it is
   * ours to name in errors; job waits have their own deadline ({@link SystemdUnitManager#DEFAULT_JOB_TIMEOUT}).
   */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  static {
    MethodCall.setDefaultTimeout(CALL_TIMEOUT.toMillis());
  }

  /** A live connection and systemd's manager object on it. */
  record Bus(DBusConnection connection, Systemd1Manager manager) {}

  private final String address;
  private final JobTracker jobs;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private Bus bus; // guarded by this

  SystemdConnection(String address, JobTracker jobs) {
    this.address = requireNonNull(address, "address is null");
    this.jobs = requireNonNull(jobs, "jobs is null");
  }

  String address() {
    return address;
  }

  /** The live connection, connecting first if there is none. */
  synchronized Bus bus() {
    if (bus != null && bus.connection().isConnected()) {
      return bus;
    }
    if (bus != null) {
      LOG.warn("the system bus connection at {} was lost; reconnecting", address);
      disconnect(bus.connection());
      bus = null;
    }
    bus = connect();
    return bus;
  }

  void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<String> listener) {
    listeners.remove(listener);
  }

  @Override
  public synchronized void close() {
    if (bus != null) {
      disconnect(bus.connection());
      bus = null;
    }
    jobs.abandonAll("the unit manager was closed");
  }

  private Bus connect() {
    DBusConnection connection = null;
    try {
      connection = DBusConnectionBuilder.forAddress(address)
          .withShared(false)
          .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back()
          .withDisconnectCallback(new IDisconnectCallback() {
            @Override
            public void disconnectOnError(IOException e) {
              jobs.abandonAll("the system bus connection broke: " + e.getMessage());
            }
          })
          .build();
      connection.addSigHandler(Systemd1Manager.JobRemoved.class,
          s -> jobs.jobRemoved(s.job().getPath(), s.result()));
      connection.addSigHandler(PropertiesChanged.class, this::propertiesChanged);
      Systemd1Manager manager =
          connection.getRemoteObject(Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH, Systemd1Manager.class);
      manager.Subscribe();
      LOG.debug("connected to systemd at {}", address);
      return new Bus(connection, manager);
    } catch (DBusException | RuntimeException e) {
      if (connection != null) {
        disconnect(connection);
      }
      if (SystemdUnitManager.noReply(e)) {
        throw new UnitException("cannot reach systemd on the system bus at " + address + ": no answer within "
            + CALL_TIMEOUT.toSeconds() + " s; check that systemd runs there and is not stuck", e);
      }
      throw new UnitException("cannot reach systemd on the system bus at " + address + ": " + message(e)
          + "; check that dbus and systemd run there, and --systemd-bus (or $" + SystemdBus.ENV_VARIABLE + ")", e);
    }
  }

  private void propertiesChanged(PropertiesChanged signal) {
    Optional<String> unit = UnitPaths.unitName(signal.getPath());
    if (unit.isEmpty()) {
      return;
    }
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(unit.get());
      } catch (RuntimeException e) {
        LOG.warn("a unit change listener failed on {}", unit.get(), e);
      }
    }
  }

  static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void disconnect(DBusConnection connection) {
    try {
      connection.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the system bus connection failed", e);
    }
  }
}
