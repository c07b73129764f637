package dev.podkeeper.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdBusTest {
  private static final Map<String, String> ENV = Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/env/bus");

  @Test
  void theOptionWins() {
    assertThat(SystemdBus.resolve("unix:path=/opt/bus", ENV)).isEqualTo("unix:path=/opt/bus");
  }

  @Test
  void withoutTheOptionTheEnvironmentVariable() {
    assertThat(SystemdBus.resolve(null, ENV)).isEqualTo("unix:path=/env/bus");
    assertThat(SystemdBus.resolve("  ", ENV)).isEqualTo("unix:path=/env/bus");
  }

  @Test
  void otherwiseTheStandardSystemBusSocket() {
    assertThat(SystemdBus.resolve(null, Map.of())).isEqualTo("unix:path=/run/dbus/system_bus_socket");
    assertThat(SystemdBus.resolve(null, Map.of("DBUS_SYSTEM_BUS_ADDRESS", "")))
        .isEqualTo(SystemdBus.DEFAULT_ADDRESS);
  }
}
