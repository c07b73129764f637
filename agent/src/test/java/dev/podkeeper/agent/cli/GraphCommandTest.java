package dev.podkeeper.agent.cli;

import static dev.podkeeper.agent.cli.CommandLineRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  @TempDir Path directory;

  @Test
  void drawsTheFileOnStdoutInEachFormat() throws IOException {
    Path file = Files.writeString(directory.resolve("stack.yaml"), """
        version: 1
        stack: tiny
        containers:
          web:
            image: busybox
            ports: ["127.0.0.1:8080:80"]
        """);

    CommandLineRun dot = run("graph", file.toString());
    CommandLineRun mermaid = run("graph", "--format", "mermaid", file.toString());
    CommandLineRun svg = run("graph", "--format", "svg", file.toString());

    assertThat(dot.exitCode()).isZero();
    assertThat(dot.out()).startsWith("digraph \"stack tiny\" {").contains("network podman (Podman's default bridge)");
    assertThat(mermaid.out()).contains("flowchart LR", "(\"web\"):::container");
    assertThat(svg.exitCode()).isZero();
    assertThat(svg.out()).contains("<svg");
  }

  @Test
  void anInvalidFileIsReportedAndDrawsNothing() throws IOException {
    Path file = Files.writeString(directory.resolve("stack.yaml"), "version: 1\nstack: tiny\ncontainers: [\n");

    CommandLineRun run = run("graph", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("stack.yaml:");
  }
}
