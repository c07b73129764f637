package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.github.dockerjava.api.exception.DockerException;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {
  private final EngineErrors errors = new EngineErrors("unix:///run/podman/podman.sock");

  /** A docker-java failure as Podman 4.3.1 answers it (bodies seen with curl on this project's machines). */
  private static DockerException podman(int status, String message) {
    return new DockerException("Status " + status + ": {\"cause\":\"x\",\"message\":\"" + message.replace("\"", "\\\"")
        + "\",\"response\":" + status + "}", status);
  }

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
    RuntimeException e = new RuntimeException(new SocketException("No such file or directory"));

    EngineException failed = errors.failed("list", "containers", e);

    assertThat(failed.getMessage())
        .startsWith("list containers: cannot reach Podman at unix:///run/podman/podman.sock: No such file or directory")
        .contains("--podman-socket");
    assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(errors.failed("list", "containers", new RuntimeException(new ConnectException("Connection refused"))))
        .hasMessageContaining("cannot reach Podman");
  }

  @Test
  void anAnswerThatCannotBeReadIsNotAnUnreachableEngine() {
    RuntimeException e = new UncheckedIOException(new JsonParseException(null, "Unexpected character ('<')"));

    EngineException failed = errors.failed("list", "containers", e);

    assertThat(failed.getMessage()).doesNotContain("cannot reach")
        .startsWith("list containers: Podman's answer could not be read (JsonParseException: Unexpected character");
    assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void aSocketItMayNotOpenIsAPermissionProblemNotAnOutage() {
    RuntimeException e = new RuntimeException(new SocketException("Permission denied"));

    EngineException failed = errors.failed("list", "containers", e);

    assertThat(failed).hasMessage("list containers: permission denied on the Podman socket unix:///run/podman/podman.sock"
        + " (run as root, or as a user allowed to open that socket)");
    assertThat(failed.kind()).isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void whatPodmanRefusesEveryTimeIsPermanent() {
    assertThat(errors.failed("create container", "app",
        podman(500, "container create: stat /dev/nonexistent-xyz: no such file or directory")).kind())
        .isEqualTo(FailureKind.PERMANENT);
    assertThat(errors.failed("create container", "app", podman(400, "some field is bad")).kind())
        .isEqualTo(FailureKind.PERMANENT);
    assertThat(errors.failed("create container", "app", podman(500, "invalid device mode: rwz")).kind())
        .isEqualTo(FailureKind.PERMANENT);
    assertThat(EngineErrors.kindOf("pull image", 0, "reading manifest 9 in docker.io/library/busybox: manifest unknown"))
        .isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void whatMayPassByItselfIsTransient() {
    assertThat(errors.failed("create container", "app", podman(500, "container create: creating container storage:"
        + " the container name \"app\" is already in use by 1459bdc21e68. You have to remove that container to be"
        + " able to reuse that name: that name is already in use")).kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(errors.failed("start container", "abc", podman(404, "no container with name or ID \"abc\" found")).kind())
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(errors.failed("remove container", "abc", podman(409, "container has dependent containers")).kind())
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(errors.failed("start container", "abc", podman(500, "netavark: No such file or directory (os error 2)"))
        .kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(EngineErrors.kindOf("pull image", 0, "initializing source docker://localhost/x:1: pinging container"
        + " registry localhost: Get \"https://localhost/v2/\": dial tcp 127.0.0.1:443: connect: connection refused"))
        .isEqualTo(FailureKind.TRANSIENT);
  }
}
