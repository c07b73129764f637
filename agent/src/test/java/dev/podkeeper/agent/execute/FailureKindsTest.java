package dev.podkeeper.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FailureKindsTest {
  /** A link planted between observe and act is found by the step's own walk: it stays until someone removes it. */
  @Test
  void aRefusedHostPathIsPermanent() {
    assertThat(FailureKinds.of(HostPathRefusedException.symlink(Path.of("/srv/app")))).isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKinds.of(HostPathRefusedException.unsafeTransition(Path.of("/srv"), 1000, Path.of("/srv/app"), 0)))
        .isEqualTo(FailureKind.PERMANENT);
  }
}
