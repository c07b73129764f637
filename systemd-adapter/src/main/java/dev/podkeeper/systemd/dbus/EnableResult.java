package dev.podkeeper.systemd.dbus;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** EnableUnitFiles' reply {@code (b carries_install_info, a(sss) changes)}. */
public final class EnableResult extends Tuple {
  @Position(0) public final boolean carriesInstallInfo;
  @Position(1) public final List<UnitFileChange> changes;

  public EnableResult(boolean carriesInstallInfo, List<UnitFileChange> changes) {
    this.carriesInstallInfo = carriesInstallInfo;
    this.changes = changes;
  }
}
