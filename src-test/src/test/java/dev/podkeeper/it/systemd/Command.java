package dev.podkeeper.it.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end (bounded) and keeps what it printed. For fixtures only. */
record Command(List<String> argv, int exitCode, String stdout, String stderr) {

  static Command run(Duration timeout, List<String> argv) {
    return run(timeout, argv, Map.of());
  }

  static Command run(Duration timeout, List<String> argv, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv, e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(argv + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Command(argv, process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + argv, e);
    }
  }

  boolean ok() {
    return exitCode == 0;
  }

  /** This result, or an exception quoting the command's own words. */
  Command orThrow() {
    if (!ok()) {
      throw new IllegalStateException(argv + " exited " + exitCode + ": " + (stderr + stdout).strip());
    }
    return this;
  }

  /**
   * On a thread of its own, not the common pool: with one pool thread on a 2-core machine, a process that
   * fills its stderr pipe while stdout is being read would never exit.
   */
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (in) {
        text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.complete("(unreadable: " + e.getMessage() + ")");
      }
    }, "drain-command-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  private static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }
}
