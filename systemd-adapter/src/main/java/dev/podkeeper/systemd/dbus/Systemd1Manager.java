package dev.podkeeper.systemd.dbus;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * The part of {@code org.freedesktop.systemd1.Manager} podkeeper uses (see org.freedesktop.systemd1(5)).
 * Method names are systemd's own, hence upper case.
 */
@DBusInterfaceName(Systemd1Manager.INTERFACE)
public interface Systemd1Manager extends DBusInterface {
  String BUS_NAME = "org.freedesktop.systemd1";
  String OBJECT_PATH = "/org/freedesktop/systemd1";
  String INTERFACE = "org.freedesktop.systemd1.Manager";

  /** One row per name, in order; loads units that are not loaded yet (not-found ones included). */
  List<UnitStatus> ListUnitsByNames(List<String> names);

  DBusPath StartUnit(String name, String mode);

  DBusPath StopUnit(String name, String mode);

  DBusPath RestartUnit(String name, String mode);

  EnableResult EnableUnitFiles(List<String> files, boolean runtime, boolean force);

  List<UnitFileChange> DisableUnitFiles(List<String> files, boolean runtime);

  /** Returns once the reload has finished. */
  void Reload();

  /** Without a subscriber, systemd does not emit JobRemoved or unit PropertiesChanged signals. */
  void Subscribe();

  /** {@code JobRemoved(u id, o job, s unit, s result)}: a job finished; result "done" means success. */
  class JobRemoved extends DBusSignal {
    private final DBusPath job;
    private final String unit;
    private final String result;

    public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
      super(path, id, job, unit, result);
      this.job = job;
      this.unit = unit;
      this.result = result;
    }

    public DBusPath job() {
      return job;
    }

    public String unit() {
      return unit;
    }

    public String result() {
      return result;
    }
  }
}
