package dev.podkeeper.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The repository's {@code scripts/}, run from the tests: the private engines' start, stop and image import. */
public final class RepoScripts {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private RepoScripts() {}

  /** The repository root: {@code -Dpodkeeper.repo}, else the first directory above this one with the scripts. */
  public static Path repo() {
    String property = System.getProperty("podkeeper.repo");
    Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("scripts/podman-engine.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("no scripts/podman-engine.sh above " + start
        + "; run from the repository or set -Dpodkeeper.repo");
  }

  /** A fresh directory under {@code src-test/target/} for a private engine. */
  public static Path newEngineDirectory(String prefix) {
    try {
      return Files.createTempDirectory(Files.createDirectories(repo().resolve("src-test/target")), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code scripts/NAME ARGS}; returns its stdout, or throws with its stderr when it fails. */
  public static String script(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(repo().resolve("scripts").resolve(name).toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** The last line of a script's output: {@code podman-engine.sh start} ends with the socket's URI. */
  public static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** Runs COMMAND in the repository; returns its stdout, or throws with its stderr when it fails. */
  public static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(repo().toFile()).start();
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
            + ": " + err.join().strip());
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** On a thread of its own: the common pool may have a single thread on a small machine. */
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (in) {
        text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.complete("");
      }
    }, "drain-script-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
