package dev.podkeeper.it.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code podkeeper run FILE} process against a private engine; its stdout (the reconcile log) and
 * stderr go to files beside the desired-state file, printed when a test fails.
 */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private AgentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static AgentProcess start(Path file, String podmanSocket, Path statusSocket, String... extra) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        "dev.podkeeper.agent.cli.Main", "run", file.toString(),
        "--podman-socket", podmanSocket, "--status-socket", statusSocket.toString()));
    command.addAll(List.of(extra));
    Path log = file.resolveSibling("agent.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    return new AgentProcess(process, log);
  }

  /** Sends SIGTERM (what {@code systemctl stop} sends) and waits at most {@code limit}; returns the exit code. */
  int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the agent did not exit within " + limit + " of SIGTERM\n" + log());
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
