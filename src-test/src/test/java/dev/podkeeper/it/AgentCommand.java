package dev.podkeeper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code podkeeper COMMAND FILE --podman-socket SOCKET ...} process, started from the test classpath as
 * {@code AgentProcess} does, with stdout and stderr in one log file of its own. JVM flags as in
 * {@code bin/podkeeper} (serial GC, C1 only): a command line starts in about a second that way.
 */
public final class AgentCommand implements AutoCloseable {
  private final Process process;
  private final Path log;

  private AgentCommand(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** @param log where the process's output goes (overwritten) */
  public static AgentCommand start(Path log, String command, Path file, String podmanSocket, String... extra) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath,
        "dev.podkeeper.agent.cli.Main", command, file.toString(), "--podman-socket", podmanSocket));
    line.addAll(List.of(extra));
    if (command.equals("apply") && !line.contains("--status-socket")) {
      // apply locks its stack beside the status socket: in the test's directory, not the host's /run/podkeeper
      line.addAll(List.of("--status-socket", log.toAbsolutePath().resolveSibling("status.sock").toString()));
    }
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      process.getOutputStream().close();
      return new AgentCommand(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits at most {@code limit} for the process to end by itself; true if it did. */
  public boolean exitsWithin(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitCode() {
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no finally block, no flush; whatever was in flight stays half done. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Starts the command and waits for it to end (at most two minutes); returns it for exit code and output. */
  public static AgentCommand run(Path log, String command, Path file, String podmanSocket, String... extra)
      throws InterruptedException {
    AgentCommand c = start(log, command, file, podmanSocket, extra);
    if (!c.exitsWithin(Duration.ofMinutes(2))) {
      c.kill9();
      throw new AssertionError("podkeeper " + command + " did not end within 2 minutes:\n" + c.output());
    }
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
