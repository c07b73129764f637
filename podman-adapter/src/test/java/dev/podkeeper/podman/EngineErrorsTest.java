package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import dev.podkeeper.model.port.EngineException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {
  private final EngineErrors errors = new EngineErrors("unix:///run/podman/podman.sock");

  @Test
  void quotesPodmansMessageAndNamesOperationAndObject() {
    DockerException e = new DockerException("Status 404: {\"cause\":\"no such container\","
        + "\"message\":\"no container with name or ID \\\"abc\\\" found: no such container\",\"response\":404}", 404);

    EngineException failed = errors.failed("start container", "abc", e);

    assertThat(failed).hasMessage(
        "start container abc: Podman says: no container with name or ID \"abc\" found: no such container");
  }

  @Test
  void anUnreachableSocketSaysWhereAndWhatToCheck() {
    RuntimeException e = new RuntimeException(new IOException("connect failed: No such file or directory"));

    assertThat(errors.failed("list", "containers", e).getMessage())
        .startsWith("list containers: cannot reach Podman at unix:///run/podman/podman.sock: connect failed")
        .contains("--podman-socket");
  }

  @Test
  void possibleSecretsAreMasked() {
    assertThat(Redaction.mask("bad value hunter2-secret in env", List.of("hunter2-secret", "1", "")))
        .isEqualTo("bad value *** in env");
  }
}
