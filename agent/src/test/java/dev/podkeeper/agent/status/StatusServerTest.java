package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServerTest {
  @TempDir Path directory;
  private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);

  static StatusSnapshot sample() {
    return new StatusSnapshot(StatusSnapshot.AGENT, Instant.parse("2025-01-01T12:00:00Z"), "/etc/podkeeper/stack.yaml",
        "demo", "0000beef", "pass 0000beef (event): converged 1/2, 1 actions, 0 failed, 1 skipped, 12 ms", List.of(
            new ObjectStatus("container", "gluetun", "running", "running (healthy)", ObjectState.OK,
                Optional.empty(), Optional.of("start-container"), Optional.of("exited"), Optional.empty()),
            new ObjectStatus("container", "qbittorrent", "running", "exited", ObjectState.BACKING_OFF,
                Optional.of(Instant.parse("2025-01-01T12:00:40Z")), Optional.of("start-container"),
                Optional.of("exited"), Optional.of("start qbittorrent: exit code 1"))));
  }

  @Test
  void servesTheLatestSnapshotAsJsonOnAnOwnerOnlyUnixSocket() throws IOException {
    Path socket = directory.resolve("run/status.sock");
    StatusBoard board = new StatusBoard();
    StatusServer server = new StatusServer(socket, board, clock, Path.of("/etc/podkeeper/stack.yaml"));
    server.start();
    try {
      assertThat(StatusJson.read(StatusClient.fetch(socket).orElseThrow()).summary())
          .startsWith("starting");

      board.publish(sample());
      StatusSnapshot served = StatusJson.read(StatusClient.fetch(socket).orElseThrow());

      assertThat(served).isEqualTo(sample());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    } finally {
      server.stop();
    }
    assertThat(socket).doesNotExist();
    assertThat(StatusClient.fetch(socket)).isEmpty();
  }

  @Test
  void aStaleSocketFileIsReplacedAndASecondAgentServesNothing() throws IOException {
    Path socket = directory.resolve("status.sock");
    Files.createFile(socket); // left behind by an agent that was killed
    StatusBoard board = new StatusBoard();
    board.publish(sample());
    StatusServer first = new StatusServer(socket, board, clock, Path.of("/x.yaml"));
    StatusServer second = new StatusServer(socket, new StatusBoard(), clock, Path.of("/y.yaml"));
    first.start();
    second.start();
    try {
      assertThat(StatusClient.fetch(socket)).get().asString().contains("\"passId\":\"0000beef\"");
    } finally {
      second.stop();
      first.stop();
    }
  }

  @Test
  void noSocketMeansNoAgent() {
    assertThat(StatusClient.fetch(directory.resolve("absent.sock"))).isEmpty();
  }

  @Test
  void theTableShowsBackoffsAndErrors() {
    String table = StatusTable.render(sample(), ZoneOffset.UTC);

    assertThat(table).contains("running agent, pass 0000beef")
        .contains("backing off until 12:00:40")
        .contains("error: start qbittorrent: exit code 1");
    assertThat(table.lines().filter(l -> l.startsWith("container"))).hasSize(2);
  }
}
