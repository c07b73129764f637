package dev.podkeeper.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import org.slf4j.LoggerFactory;

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
    leaveStaleSocket(socket); // left behind by an agent that was killed
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

  /** A socket bound and closed without deleting its file, as by an agent that was killed. */
  private static void leaveStaleSocket(Path path) throws IOException {
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(path));
    }
    assertThat(path).exists();
  }

  @Test
  void whatIsNotASocketAtThePathIsLeftAloneAndNothingIsServed() throws Exception {
    Path target = Files.writeString(directory.resolve("precious.conf"), "keep me\n");
    Path regular = Files.writeString(directory.resolve("file.sock"), "keep me too\n");
    Path folder = Files.createDirectory(directory.resolve("dir.sock"));
    Path link = Files.createSymbolicLink(directory.resolve("link.sock"), target);
    Path fifo = directory.resolve("fifo.sock");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        .isTrue();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger serverLog = (Logger) LoggerFactory.getLogger(StatusServer.class);
    logged.start();
    serverLog.addAppender(logged);
    try {
      for (Path path : List.of(regular, folder, link, fifo)) {
        StatusServer server = new StatusServer(path, new StatusBoard(), clock, Path.of("/x.yaml"));
        server.start();
        server.stop();
      }
    } finally {
      serverLog.detachAppender(logged);
    }

    assertThat(regular).hasContent("keep me too");
    assertThat(folder).isDirectory();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(target).hasContent("keep me");
    assertThat(fifo).exists();
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
        m -> assertThat(m).contains("file.sock").contains("a regular file is at that path, not a socket"),
        m -> assertThat(m).contains("a directory is at that path"),
        m -> assertThat(m).contains("a symbolic link is at that path"),
        m -> assertThat(m).contains("a FIFO or a device is at that path"));
  }

  @Test
  void aSocketAnotherProgramListensOnIsLeftAlone() throws IOException {
    Path socket = directory.resolve("busy.sock");
    try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.bind(UnixDomainSocketAddress.of(socket));
      StatusServer server = new StatusServer(socket, new StatusBoard(), clock, Path.of("/x.yaml"));
      server.start();
      server.stop();

      assertThat(socket).exists();
      try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        assertThat(other.accept()).as("the other program still has its socket").isNotNull();
      }
    }
  }

  @Test
  void stopDeletesOnlyItsOwnSocketNotWhatReplacedIt() throws IOException {
    Path socket = directory.resolve("status.sock");
    StatusServer server = new StatusServer(socket, new StatusBoard(), clock, Path.of("/x.yaml"));
    server.start();
    Files.delete(socket);
    Files.writeString(socket, "someone else's\n");

    server.stop();

    assertThat(socket).hasContent("someone else's");
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
