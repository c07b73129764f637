package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.agent.doctor.Probes;
import dev.podkeeper.model.testing.SampleStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podkeeper doctor}: its report, its exit codes (0 all hold, 1 a problem, 2 could not look) and --json. */
class DoctorCommandTest {
  private static final String CONTAINERS = """
      containers:
        gluetun:
          image: localhost/gluetun:1
          network: media
          envFiles: [vpn]
          ports: [127.0.0.1:8080:8080]
        qbittorrent:
          image: localhost/qbittorrent:1
          network: container:gluetun
      """;
  private static final String ROUTES = """
      proxy:
        caddy: http://127.0.0.1:2019
        sites:
          main: { listen: ["127.0.0.1:8443"] }
      """;

  private final FakesWiring fakes = new FakesWiring();

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void applyTheStack() throws Exception {
    Path applied = Files.writeString(dir.resolve("applied.yaml"), SampleStacks.MEDIA_PREAMBLE + CONTAINERS);
    assertThat(CommandRun.of(fakes, "apply", "--no-systemd", applied.toString()).exitCode()).isZero();
    // The same stack with a route: doctor dials its upstream; no Caddy is needed for that.
    file = Files.writeString(dir.resolve("media.yaml"), SampleStacks.MEDIA_PREAMBLE + ROUTES
        + CONTAINERS.replace("network: container:gluetun", "network: container:gluetun\n    routes: [{ path: /qbt }]"));
    fakes.proc.mirrorNamespaces(fakes.engine);
  }

  @Test
  void aStackWhoseChecksAllHoldExitsZero() {
    fakes.probes.answers("127.0.0.1:8080", Probes.Answer.answered(200));

    CommandRun run = doctor();

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith("doctor: stack media from " + file + "\n")
        .contains("OK    namespace  qbittorrent: shares net:[")
        .contains("OK    port       gluetun 127.0.0.1:8080/tcp: no host socket (the engine forwards it); a connect is"
            + " answered")
        .contains("OK    route      /qbt: 127.0.0.1:8080 answers GET /qbt with 200")
        .endsWith("0 failed, 1 warning, 7 ok\n")
        .doesNotContain(FakesWiring.SECRET);
  }

  @Test
  void aRouteWhoseUpstreamRefusesIsAProblemCaddyWouldAnswer502For() {
    CommandRun run = doctor();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  route      /qbt: Caddy would answer 502 for /qbt: nothing listens on "
        + "127.0.0.1:8080\n                 fix: make qbittorrent answer on 127.0.0.1:8080");
    assertThat(run.out().indexOf("FAIL")).as("problems first").isLessThan(run.out().indexOf("OK "));
  }

  @Test
  void theJsonReportIsOneDocumentWithEveryFinding() throws Exception {
    CommandRun run = doctor("--json");

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("exitCode").asInt()).isEqualTo(run.exitCode()).isEqualTo(1);
    assertThat(report.path("counts").path("fail").asInt()).isEqualTo(2); // the route, and the port behind it
    assertThat(report.path("findings")).anySatisfy(f -> {
      assertThat(f.path("check").asText()).isEqualTo("route");
      assertThat(f.path("verdict").asText()).isEqualTo("fail");
      assertThat(f.path("fix").asText()).isNotEmpty();
    });
  }

  @Test
  void anUnreachableEngineOrAnInvalidFileMeansItCouldNotLook() throws Exception {
    fakes.engine.setDown(true);
    CommandRun down = doctor("--json");
    assertThat(down.exitCode()).isEqualTo(2);
    assertThat(down.err()).contains("doctor: could not look: ").contains("engine unreachable");
    assertThat(new ObjectMapper().readTree(down.out()).path("exitCode").asInt()).isEqualTo(2);

    Files.writeString(file, "version: 1\nstack: media\ncontainers: [\n");
    assertThat(doctor().exitCode()).isEqualTo(2);
  }

  private CommandRun doctor(String... extra) {
    String[] args = new String[extra.length + 5];
    args[0] = "doctor";
    args[1] = "--no-systemd";
    args[2] = "--status-socket";
    args[3] = dir.resolve("none.sock").toString();
    args[4] = file.toString();
    System.arraycopy(extra, 0, args, 5, extra.length);
    return CommandRun.of(fakes, args);
  }
}
