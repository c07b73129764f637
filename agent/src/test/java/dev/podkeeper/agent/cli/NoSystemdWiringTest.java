package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.systemd.SystemdUnitManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production wiring under {@code --no-systemd}: no systemd unit manager, so no D-Bus connection at all. */
class NoSystemdWiringTest {
  private final PrintWriter out = new PrintWriter(new StringWriter());

  @Test
  void withoutSystemdTheUnitManagerAnswersNotManagedHere() throws Exception {
    Injector injector = AgentWiring.PRODUCTION.injector(new GlobalOptions(), out, true);

    UnitManager units = injector.getInstance(UnitManager.class);

    assertThat(units).isNotInstanceOf(SystemdUnitManager.class);
    assertThatThrownBy(() -> units.observe(List.of("zigbee2mqtt.service"))).isInstanceOf(UnitException.class)
        .hasMessage("units are not managed here (--no-systemd)");
    assertThatThrownBy(() -> units.start("zigbee2mqtt.service")).isInstanceOf(UnitException.class)
        .hasMessage("start zigbee2mqtt.service: units are not managed here (--no-systemd)");
  }

  @Test
  void withSystemdItIsSystemdOverDBus() throws Exception {
    assertThat(AgentWiring.PRODUCTION.injector(new GlobalOptions(), out, false).getInstance(UnitManager.class))
        .isInstanceOf(SystemdUnitManager.class);
  }
}
