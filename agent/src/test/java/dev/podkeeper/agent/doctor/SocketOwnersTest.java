package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.testing.WorldBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which process holds a socket, found through {@code /proc/PID/fd} links as {@code ss -p} finds it. */
class SocketOwnersTest {
  private final FixtureProcFs proc = new FixtureProcFs()
      .process(100, "/usr/bin/conmon --api-version 1 -c abc", 81234)
      .process(4242, "python3 -m http.server 8989", 777);

  @Test
  void theLikelyHoldersAreEnoughWhenTheyHoldEverySocket() {
    var owners = new SocketOwners(proc, new TestClock(WorldBuilder.T0)).owners(Set.of(81234L), List.of(100L));

    assertThat(owners.get(81234L)).isEqualTo(new HostProcess(100, "/usr/bin/conmon --api-version 1 -c abc"));
    assertThat(proc.asked).as("no walk over every process").noneMatch(p -> p.startsWith("4242/"));
  }

  @Test
  void anyOtherHolderIsFoundByWalkingEveryProcessAndAnUnknownSocketStaysUnnamed() {
    var owners = new SocketOwners(proc, new TestClock(WorldBuilder.T0)).owners(Set.of(81234L, 777L, 999L),
        List.of(100L));

    assertThat(owners.get(777L)).hasToString("pid 4242 (python3 -m http.server 8989)");
    assertThat(owners).doesNotContainKey(999L).hasSize(2);
  }
}
