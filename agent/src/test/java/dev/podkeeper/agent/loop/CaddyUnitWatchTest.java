package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.testing.RouteStacks;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaddyUnitWatchTest {
  private static final String WITH_CADDY = RouteStacks.YAML.replace("units:\n",
      "units:\n  caddy.service: { state: active }\n");

  private final FakeUnitManager units = new FakeUnitManager().withUnit("caddy.service").withUnit("jellyfin.service");
  private final List<Trigger> requests = new ArrayList<>();

  @Test
  void aStartOfCaddyServiceAsksForAPassWhenItIsAUnitOfAFileWithRoutes() throws Exception {
    CaddyUnitWatch watch = watching(RouteStacks.parse(WITH_CADDY));

    units.start("jellyfin.service");
    assertThat(requests).isEmpty();
    units.start("caddy.service");
    assertThat(requests).containsExactly(Trigger.EVENT);

    watch.stop();
    units.restart("caddy.service");
    assertThat(requests).containsExactly(Trigger.EVENT);
  }

  @Test
  void caddyServiceThatIsNotAUnitOfTheFileAsksForNothing() {
    watching(RouteStacks.seed());

    units.start("caddy.service");

    assertThat(requests).isEmpty();
  }

  private CaddyUnitWatch watching(DesiredState desired) {
    CaddyUnitWatch watch = new CaddyUnitWatch(units, () -> Optional.of(desired), requests::add);
    watch.start();
    return watch;
  }
}
