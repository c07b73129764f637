package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PodmanSocketTest {
  private static final Map<String, String> BOTH =
      Map.of("CONTAINER_HOST", "unix:///c.sock", "DOCKER_HOST", "unix:///d.sock");

  @Test
  void theOptionWinsOverTheEnvironment() {
    assertThat(PodmanSocket.resolve("unix:///o.sock", BOTH)).isEqualTo("unix:///o.sock");
  }

  @Test
  void containerHostComesBeforeDockerHost() {
    assertThat(PodmanSocket.resolve(null, BOTH)).isEqualTo("unix:///c.sock");
    assertThat(PodmanSocket.resolve(" ", Map.of("DOCKER_HOST", "unix:///d.sock"))).isEqualTo("unix:///d.sock");
  }

  @Test
  void aBarePathBecomesAUnixUri() {
    assertThat(PodmanSocket.resolve("/run/user/1000/podman/podman.sock", Map.of()))
        .isEqualTo("unix:///run/user/1000/podman/podman.sock");
  }

  @Test
  void withoutAnyTheRootfulPodmanSocket() {
    assertThat(PodmanSocket.resolve(null, Map.of("CONTAINER_HOST", ""))).isEqualTo("unix:///run/podman/podman.sock");
  }
}
