package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.agent.reconcile.LogFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec section 5: with {@code --log-format json} every line the agent writes, on stdout and on stderr, is one
 * JSON object. The agent runs as its own process, as systemd starts it, through passes that log diagnostics:
 * the engine cannot be reached (the pass is retried), then an edit makes the file invalid (it is kept).
 */
class JsonModeProcessTest {
  @TempDir
  Path dir;

  @Test
  void everyLineOnStdoutAndStderrIsOneJsonObject() throws Exception {
    Path file = Files.writeString(dir.resolve("stack.yaml"), """
        version: 1
        stack: jsonmode
        networks:
          jm:
            subnet: 10.231.7.0/24
        containers:
          app:
            image: localhost/app:1
            network: jm
        """);
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", classpath, Main.class.getName(), "--log-format", "json", "run",
        file.toString(), "--podman-socket", "unix://" + dir.resolve("no-podman.sock"),
        "--systemd-bus", "unix:path=" + dir.resolve("no-bus.sock"), "--status-socket", dir.resolve("status.sock")
        .toString()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeAll(List.of("NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC"));
    Process agent = builder.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stderr).contains("next pass in"));
      Files.writeString(dir.resolve(".stack.yaml.tmp"), "version: 1\nstack: jsonmode\ncontainers: [oops]\n");
      Files.move(dir.resolve(".stack.yaml.tmp"), file, StandardCopyOption.ATOMIC_MOVE);
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stderr).contains("not applied"));
    } finally {
      agent.destroy(); // SIGTERM: the agent logs its stop too
      if (!agent.waitFor(20, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }

    List<JsonNode> diagnostics = objects(stderr);
    List<JsonNode> reconcile = objects(stdout);
    assertThat(diagnostics).extracting(line -> line.get("message").asText())
        .anyMatch(message -> message.endsWith("stack jsonmode, 1 container, 1 network, 0 units"))
        .anyMatch(message -> message.contains("not converged; next pass in"))
        .anyMatch(message -> message.contains("not applied; keeping the last good desired state"))
        .anyMatch(message -> message.contains("SIGTERM"));
    assertThat(diagnostics).allSatisfy(line -> assertThat(line.has("time") && line.has("level")
        && line.has("logger") && line.has("message")).as(line.toString()).isTrue());
    assertThat(reconcile).isNotEmpty().allSatisfy(line ->
        assertThat(line.get("pass").asText()).as(line.toString()).isNotEmpty());
  }

  /** A file that is invalid when the command starts: its problems in one object, not as lines of text. */
  @Test
  void anInvalidFileIsOneJsonObjectWithItsProblems() throws IOException {
    Path file = Files.writeString(dir.resolve("stack.yaml"), "version: 1\nstack: jsonmode\ncontainers: [oops]\n");
    try {
      CommandRun run = CommandRun.of(new FakesWiring(), "--log-format", "json", "apply", file.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err().lines()).singleElement().satisfies(line -> {
        JsonNode error = DiagnosticLoggingTest.json(line);
        assertThat(error.get("level").asText()).isEqualTo("error");
        assertThat(error.get("message").asText()).endsWith("is invalid (1 problem): nothing was changed");
        assertThat(error.get("problems").get(0).asText()).contains("stack.yaml:3:13: containers must be a mapping");
      });
    } finally {
      DiagnosticSink.use(LogFormat.TEXT, new PrintWriter(System.err, true));
    }
  }

  /** Every line of the file, each parsed as one JSON object (the test fails at the first that is not). */
  private static List<JsonNode> objects(Path file) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = DiagnosticLoggingTest.json(line);
      assertThat(node.isObject()).as(line).isTrue();
      objects.add(node);
    }
    return objects;
  }
}
