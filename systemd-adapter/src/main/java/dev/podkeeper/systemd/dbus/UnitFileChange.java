package dev.podkeeper.systemd.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One change EnableUnitFiles/DisableUnitFiles made: {@code (sss)} type ("symlink", "unlink"), file, destination. */
public final class UnitFileChange extends Struct {
  @Position(0) public final String type;
  @Position(1) public final String file;
  @Position(2) public final String destination;

  public UnitFileChange(String type, String file, String destination) {
    this.type = type;
    this.file = file;
    this.destination = destination;
  }
}
