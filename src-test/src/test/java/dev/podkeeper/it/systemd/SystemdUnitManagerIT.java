package dev.podkeeper.it.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.model.testing.UnitManagerContract;
import dev.podkeeper.systemd.SystemdUnitManager;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The unit-manager contract, and what only the D-Bus adapter does, against systemd 252 in a container. */
class SystemdUnitManagerIT extends UnitManagerContract {
  private static SystemdContainerFixture systemd;

  @BeforeAll
  static void bootSystemd() {
    systemd = SystemdContainerFixture.shared();
  }

  @Override
  protected UnitManager newManager() {
    return new SystemdUnitManager(systemd.busAddress(), Duration.ofSeconds(30));
  }

  @Override
  protected TestUnits testUnits() {
    return new TestUnits("pk-ok.service", "pk-fail.service", "pk-missing.service");
  }

  @Test
  void aFailedJobNamesTheResultAndWhereToLook() {
    assertThatThrownBy(() -> manager.start("pk-fail.service"))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining("start pk-fail.service failed")
        .hasMessageContaining("result \"failed\"")
        .hasMessageContaining("journalctl -u pk-fail.service");
  }

  @Test
  void aOneshotWithRemainAfterExitIsActiveExitedOnceItsStartReturns() {
    try {
      manager.start("pk-oneshot.service");

      assertThat(manager.observe(List.of("pk-oneshot.service")).get("pk-oneshot.service"))
          .isEqualTo(new ObservedUnit("pk-oneshot.service", "loaded", "active", "exited", "disabled"));
    } finally {
      manager.stop("pk-oneshot.service");
    }
  }

  @Test
  void aStartJobThatDoesNotFinishInTimeIsAUnitExceptionNamingTheWait() {
    try (SystemdUnitManager impatient = new SystemdUnitManager(systemd.busAddress(), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> impatient.start("pk-hang.service"))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining("start pk-hang.service")
          .hasMessageContaining("did not finish within 2 s")
          .hasMessageContaining("journalctl -u pk-hang.service");
      assertThat(impatient.observe(List.of("pk-hang.service")).get("pk-hang.service").activeState())
          .isEqualTo("activating");
    } finally {
      manager.stop("pk-hang.service");
    }
    // The stop kills the oneshot's process: systemd then calls the unit failed (signal), not inactive.
    assertThat(manager.observe(List.of("pk-hang.service")).get("pk-hang.service").activeState())
        .isIn("inactive", "failed");
  }

  @Test
  void enablingAStaticUnitWithoutInstallSectionIsAnError() {
    assertThatThrownBy(() -> manager.enable("pk-hang.service"))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining("enable pk-hang.service")
        .hasMessageContaining("[Install]");
    assertThat(manager.observe(List.of("pk-hang.service")).get("pk-hang.service").unitFileState())
        .isEqualTo("static");
  }

  @Test
  void whatTheAdapterDoesIsWhatSystemctlSees() {
    manager.enable("pk-ok.service");
    manager.start("pk-ok.service");

    assertThat(systemd.exec("systemctl", "is-enabled", "pk-ok.service").stdout().strip()).isEqualTo("enabled");
    assertThat(systemd.exec("systemctl", "is-active", "pk-ok.service").stdout().strip()).isEqualTo("active");
  }

  @Test
  void changesMadeBehindItsBackAreObservedAndSignalled() throws Exception {
    Set<String> changed = ConcurrentHashMap.newKeySet();
    try (AutoCloseable subscription = manager.subscribeChanges(changed::add)) {
      systemd.exec("systemctl", "start", "pk-ok.service").orThrow();

      await().atMost(Duration.ofSeconds(10)).until(() -> changed.contains("pk-ok.service"));
      assertThat(manager.observe(List.of("pk-ok.service")).get("pk-ok.service").active()).isTrue();
    }
  }

  @Test
  void anUnreachableBusIsAUnitExceptionThatNamesTheAddress() {
    String gone = "unix:path=/proc/0/root/run/dbus/system_bus_socket";
    try (SystemdUnitManager unreachable = new SystemdUnitManager(gone)) {
      assertThatThrownBy(() -> unreachable.observe(List.of("pk-ok.service")))
          .isInstanceOf(UnitException.class)
          .hasMessageContaining(gone);
    }
  }
}
