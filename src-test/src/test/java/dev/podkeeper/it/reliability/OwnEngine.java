package dev.podkeeper.it.reliability;

import dev.podkeeper.it.PodmanEngineFixture;
import dev.podkeeper.it.RepoScripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Podman engine of one test's own, for tests that take it down: started with
 * {@code scripts/podman-engine.sh start DIR} in a fresh directory under {@code src-test/target/}, with the
 * test image imported; {@link #killService()} ends the API service with SIGKILL (containers keep running
 * under conmon), {@link #start()} brings it back on the same storage and socket.
 */
final class OwnEngine {
  private final Path dir;
  private String socket;

  private OwnEngine(Path dir) {
    this.dir = dir;
  }

  static OwnEngine create(String prefix) {
    OwnEngine engine = new OwnEngine(RepoScripts.newEngineDirectory(prefix));
    engine.start();
    RepoScripts.script("build-test-image.sh", engine.socket, PodmanEngineFixture.TEST_IMAGE);
    return engine;
  }

  /** Starts the service (again); returns when it answers. */
  void start() {
    socket = RepoScripts.lastLine(RepoScripts.script("podman-engine.sh", "start", dir.toString()));
  }

  String socket() {
    return socket;
  }

  /** The API service's process, as the script recorded it. */
  ProcessHandle service() {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve("podman.pid")).strip());
      return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the Podman service is not running"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL to the API service only: conmon and the containers stay. Returns once it is gone. */
  void killService() throws InterruptedException {
    ProcessHandle service = service();
    service.destroyForcibly();
    try {
      service.onExit().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the Podman service did not exit after SIGKILL", e);
    }
  }

  /** The podman CLI on this engine's storage, without its API service ({@code podman-engine.sh podman}). */
  String podman(String... args) {
    List<String> command = new ArrayList<>(List.of("podman", dir.toString()));
    command.addAll(List.of(args));
    return RepoScripts.script("podman-engine.sh", command.toArray(String[]::new));
  }

  /** Removes its containers and stops it ({@code podman-engine.sh stop}). */
  void stop() {
    RepoScripts.script("podman-engine.sh", "stop", dir.toString());
  }
}
