package dev.podkeeper.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.port.UnitException;
import java.nio.file.Path;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a bus; the behaviour against systemd itself is SystemdUnitManagerIT in src-test. */
class SystemdUnitManagerTest {
  @TempDir Path dir;

  @Test
  void anUnreachableBusIsAUnitExceptionNamingTheAddressForEveryCall() {
    String address = "unix:path=" + dir.resolve("no-such-bus");
    try (SystemdUnitManager manager = new SystemdUnitManager(address)) {
      assertThatThrownBy(() -> manager.observe(List.of("pk-ok.service")))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining(address)
          .hasMessageContaining("--systemd-bus");
      assertThatThrownBy(() -> manager.start("pk-ok.service"))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining(address);
      assertThatThrownBy(() -> manager.subscribeChanges(unit -> {}))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining(address);
    }
  }

  @Test
  void aCallWithoutReplyWithinTheCallTimeoutSaysSoNotThatSystemdRefused() {
    // What dbus-java throws when systemd's reply does not come within MethodCall's timeout.
    UnitException e = SystemdUnitManager.callFailed("start pk-ok.service",
        new DBusExecutionException("No reply within specified time"), true, "unix:path=/run/dbus/system_bus_socket");

    assertThat(e).hasMessage("start pk-ok.service: systemd did not answer within 20 s (D-Bus call on"
        + " unix:path=/run/dbus/system_bus_socket); it may be busy or stuck: see `systemctl list-jobs` and"
        + " `journalctl -u dbus`; the next pass tries again");
  }

  @Test
  void aMalformedAddressIsAUnitExceptionToo() {
    try (SystemdUnitManager manager = new SystemdUnitManager("not-an-address")) {
      assertThatThrownBy(() -> manager.enable("pk-ok.service"))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining("not-an-address");
    }
  }
}
