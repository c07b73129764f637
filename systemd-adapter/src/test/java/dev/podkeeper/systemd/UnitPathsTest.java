package dev.podkeeper.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitPathsTest {
  @Test
  void decodesSystemdsEscapedUnitNames() {
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/pk_2dok_2eservice")).contains("pk-ok.service");
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/getty_40tty1_2eservice"))
        .contains("getty@tty1.service");
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/dbus_2esocket")).contains("dbus.socket");
  }

  @Test
  void otherPathsAreNoUnits() {
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1")).isEmpty();
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/job/42")).isEmpty();
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/")).isEmpty();
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/a/b")).isEmpty();
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/bad_2")).isEmpty();
    assertThat(UnitPaths.unitName("/org/freedesktop/systemd1/unit/bad_zz")).isEmpty();
    assertThat(UnitPaths.unitName(null)).isEmpty();
  }
}
