package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusClientTest {
  @TempDir Path directory;

  @Test
  void aSocketThisUserMayNotOpenIsAPermissionProblemNotAMissingAgent() {
    // What the JDK throws when a non-root user connects to /run/podkeeper/status.sock (mode 0600, root's).
    assertThat(StatusClient.denied(new BindException("Permission denied"))).isTrue();
    assertThat(StatusClient.denied(new AccessDeniedException("/run/podkeeper/status.sock"))).isTrue();
    assertThat(new StatusClient.DeniedException(Path.of("/run/podkeeper/status.sock")))
        .hasMessage("permission denied on /run/podkeeper/status.sock (run as root)");
  }

  @Test
  void noSocketOrNoListenerIsNoAgent() throws Exception {
    assertThat(StatusClient.denied(new SocketException("No such file or directory"))).isFalse();
    assertThat(StatusClient.denied(new ConnectException("Connection refused"))).isFalse();
    assertThat(StatusClient.fetch(directory.resolve("absent.sock"))).isEmpty();
  }
}
