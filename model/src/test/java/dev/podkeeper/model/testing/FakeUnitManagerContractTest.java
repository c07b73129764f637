package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.port.UnitException;
import dev.podkeeper.model.port.UnitManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeUnitManagerContractTest extends UnitManagerContract {
  private FakeUnitManager fake;

  @Override
  protected UnitManager newManager() {
    fake = new FakeUnitManager().withUnit("pk-ok.service").withUnit("pk-fail.service");
    fake.failStartsOf("pk-fail.service");
    return fake;
  }

  @Override
  protected TestUnits testUnits() {
    return new TestUnits("pk-ok.service", "pk-fail.service", "pk-missing.service");
  }

  /** The fake's own knob; the real adapter's unreachable bus is covered in the systemd adapter's tests. */
  @Test
  void aDownBusFailsEveryCallWithAUnitException() {
    fake.setDown(true);

    assertThatThrownBy(() -> fake.observe(List.of("pk-ok.service"))).isInstanceOf(UnitException.class);
    assertThatThrownBy(() -> fake.start("pk-ok.service")).isInstanceOf(UnitException.class);

    fake.setDown(false);
    assertThat(fake.observe(List.of("pk-ok.service"))).containsKey("pk-ok.service");
  }
}
