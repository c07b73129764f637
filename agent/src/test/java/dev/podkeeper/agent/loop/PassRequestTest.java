package dev.podkeeper.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.reconcile.Trigger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassRequestTest {
  @Test
  void aMergedPassIsNamedForItsFirstTriggerUnlessSomeoneAskedForIt() {
    assertThat(new PassRequest(1, Set.of(Trigger.RESYNC, Trigger.EVENT)).primaryTrigger()).isEqualTo(Trigger.EVENT);
    // apply prints the pass the agent ran for it: the log must say it was that one
    assertThat(new PassRequest(2, Set.of(Trigger.EVENT, Trigger.MANUAL)).primaryTrigger()).isEqualTo(Trigger.MANUAL);
  }
}
