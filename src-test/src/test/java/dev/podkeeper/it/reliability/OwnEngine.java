package dev.podkeeper.it.reliability;

import dev.podkeeper.it.PodmanEngineFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  private final Path repo;
  private final Path dir;
  private String socket;

  private OwnEngine(Path repo, Path dir) {
    this.repo = repo;
    this.dir = dir;
  }

  static OwnEngine create(String prefix) throws IOException {
    Path repo = repo();
    Path dir = Files.createTempDirectory(Files.createDirectories(repo.resolve("src-test/target")), prefix);
    OwnEngine engine = new OwnEngine(repo, dir);
    engine.start();
    engine.script("build-test-image.sh", engine.socket, PodmanEngineFixture.TEST_IMAGE);
    return engine;
  }

  /** Starts the service (again); returns when it answers. */
  void start() {
    String out = script("podman-engine.sh", "start", dir.toString()).strip();
    socket = out.substring(out.lastIndexOf('\n') + 1).strip();
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
    return script("podman-engine.sh", command.toArray(String[]::new));
  }

  /** Removes its containers and stops it ({@code podman-engine.sh stop}). */
  void stop() {
    script("podman-engine.sh", "stop", dir.toString());
  }

  private String script(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(repo.resolve("scripts").resolve(name).toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      // Read to the end first: the script's output is small, and a full pipe would block it.
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path repo() {
    String property = System.getProperty("podkeeper.repo");
    Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("scripts/podman-engine.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("no scripts/podman-engine.sh above " + start);
  }
}
