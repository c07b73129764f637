package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportCommandTest {
  @TempDir
  Path dir;

  @Test
  void importComposePrintsAValidFileAndExitsZero() throws Exception {
    Path compose = Files.writeString(dir.resolve("compose.yaml"),
        "services:\n  web: { image: localhost/web:1, ports: [\"8080:80\"], environment: { DB_PASSWORD: hunter2 } }\n");
    CommandLineRun run = CommandLineRun.run("import", "compose", compose.toString(), "--stack", "web");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("stack: web").contains("127.0.0.1:8080:80").doesNotContain("hunter2");
    assertThat(run.err()).doesNotContain("hunter2");
  }

  @Test
  void anImportThatDoesNotValidateIsPrintedWithItsProblemsAndExitsOne() throws Exception {
    Path compose = Files.writeString(dir.resolve("compose.yaml"), """
        services:
          a: { image: localhost/a:1, ports: ["8080:80"] }
          b: { image: localhost/b:1, ports: ["8080:80"] }
        """);
    CommandLineRun run = CommandLineRun.run("import", "compose", compose.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("containers:");
    assertThat(run.err()).contains("<output>:").contains("fix them before applying it");
  }

  @Test
  void importWithoutWhatIsAUsageError() {
    assertThat(CommandLineRun.run("import").exitCode()).isEqualTo(2);
    assertThat(CommandLineRun.run("import", "compose", dir.resolve("missing.yaml").toString()).exitCode())
        .isEqualTo(1);
  }

  @Test
  void exportKubePrintsManifestsAndAnInvalidFileChangesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("stack.yaml"),
        "version: 1\nstack: s\ncontainers:\n  web: { image: localhost/web:1, ports: [\"127.0.0.1:8080:80\"] }\n");
    CommandLineRun run = CommandLineRun.run("export", "--format", "kube", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("kind: Pod").contains("hostIP: 127.0.0.1").contains("hostPort: 8080");

    Files.writeString(file, "version: 2\n");
    assertThat(CommandLineRun.run("export", "--format", "kube", file.toString()).exitCode()).isEqualTo(1);
    assertThat(CommandLineRun.run("export", file.toString()).exitCode()).as("--format is required").isEqualTo(2);
  }
}
