package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.agent.lock.StackLock;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.status.PassExchange;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podkeeper apply}: one pass, the reconcile log on stdout, exit 0 only when converged. */
class ApplyCommandTest {
  private final FakesWiring fakes = new FakesWiring();

  @TempDir
  Path dir;

  @Test
  void convergesAndPrintsTheReconcileLog() throws Exception {
    CommandRun run = apply(CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).hasSize(6)
        .anySatisfy(l -> assertThat(l).contains("trigger=manual action=create-container target=qbittorrent cause=missing"
            + " outcome=ok"))
        .last().asString().contains("converged=5/5 actions=5 failures=0 skipped=0");
    assertThat(run.out()).doesNotContain(FakesWiring.SECRET);
    assertThat(fakes.engine.find("qbittorrent")).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
  }

  @Test
  void withoutSystemdAPassConvergesWithoutTouchingUnitsAndSaysSoOnce() throws Exception {
    CommandRun run = CommandRun.of(fakes, "apply", "--no-systemd",
        CommandRun.stackFile(dir, CommandRun.WITH_UNIT).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().filter(l -> l.contains("--no-systemd"))).singleElement().asString()
        .contains("converged=6/6").contains("note=\"--no-systemd: 1 unit not checked, requiresUnits do not block\"");
    assertThat(run.out()).doesNotContain("unit-start");
    assertThat(fakes.engine.find("gluetun")).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
    assertThat(fakes.units.observe(List.of("zigbee2mqtt.service")).get("zigbee2mqtt.service").activeState())
        .as("the fake systemd was never asked to start it").isEqualTo("inactive");
  }

  @Test
  void logsJsonOneObjectPerLine() throws Exception {
    CommandRun run = apply("--log-format", "json",
        CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    ObjectMapper json = new ObjectMapper();
    assertThat(run.out().lines().map(line -> readTree(json, line).get("pass").asText()).distinct()).hasSize(1);
  }

  @Test
  void takesTheGlobalOptionsBeforeOrAfterItsName() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);

    CommandRun.of(fakes, "--podman-socket", "unix:///tmp/podman.sock", "apply", "--systemd-bus", "unix:path=/tmp/bus",
        "--status-socket", socket().toString(), file.toString());

    assertThat(fakes.options.podmanSocket()).isEqualTo("unix:///tmp/podman.sock");
    assertThat(fakes.options.systemdBus()).isEqualTo("unix:path=/tmp/bus");
  }

  @Test
  void exitsOneWhenSomethingFailed() throws Exception {
    CommandRun run = apply(CommandRun.stackFile(dir, """
        containers:
          gluetun:
            image: localhost/not-imported:1
            pull: never
            network: media
        """).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("outcome=failed")
        .contains("image localhost/not-imported:1 is not in the engine's store and its pull policy is never");
  }

  @Test
  void anEmptiedFileNeedsAllowEmpty() throws Exception {
    apply(CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());
    Path emptied = CommandRun.stackFile(dir, "containers: {}\n");

    CommandRun refused = apply(emptied.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("--allow-empty");
    assertThat(fakes.engine.find("gluetun")).isPresent();

    assertThat(apply("--allow-empty", emptied.toString()).exitCode()).isZero();
    assertThat(fakes.engine.listContainers()).isEmpty();
  }

  @Test
  void anInvalidFileChangesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "version: 1\nstack: media\ncontainers:\n  x:\n    image: a\n"
        + "    network: nowhere\n");

    CommandRun run = apply(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nowhere").contains("nothing was changed");
    assertThat(fakes.engine.callCount()).isZero();
  }

  @Test
  void whileAnAgentKeepsTheStackItRunsThePassAndApplyPrintsItsResult() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    List<PassExchange.Ask> asked = new CopyOnWriteArrayList<>();

    CommandRun run = withAgentOf("media", file, ask -> {
      asked.add(ask);
      return PassExchange.Answer.ran(false, List.of("pass=a1 trigger=manual action=start-container outcome=failed",
          "pass=a1 trigger=manual converged=4/5"));
    }, () -> apply("--log-format", "json", file.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly("pass=a1 trigger=manual action=start-container outcome=failed",
        "pass=a1 trigger=manual converged=4/5");
    assertThat(asked).containsExactly(new PassExchange.Ask(LogFormat.JSON, file));
    assertThat(fakes.engine.callCount()).isZero();
  }

  @Test
  void checkUpdatesGoesToTheAgentWithTheAsk() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    List<PassExchange.Ask> asked = new CopyOnWriteArrayList<>();

    CommandRun run = withAgentOf("media", file, ask -> {
      asked.add(ask);
      return PassExchange.Answer.ran(true, List.of("pass=a2 trigger=manual converged=5/5"));
    }, () -> apply("--check-updates", file.toString()));

    assertThat(run.exitCode()).isZero();
    assertThat(asked).containsExactly(new PassExchange.Ask(LogFormat.TEXT, file, true));
  }

  @Test
  void anAgentKeepingAnotherFileOfTheStackIsNamedAndNothingRuns() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);

    CommandRun run = withAgentOf("media", file,
        ask -> PassExchange.Answer.refused(Optional.of("media"), "this agent keeps /etc/podkeeper/media.yaml"),
        () -> apply(file.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("stack media is kept by the agent on " + socket()
        + ", and this agent keeps /etc/podkeeper/media.yaml: edit that file");
    assertThat(fakes.engine.callCount()).isZero();
  }

  /** Runs {@code apply} while a stand-in agent holds the stack's lock and answers on the status socket. */
  private CommandRun withAgentOf(String stack, Path file, PassExchange.Handler agentPasses,
      java.util.function.Supplier<CommandRun> apply) throws Exception {
    StatusServer agent = new StatusServer(socket(), new StatusBoard(), Clock.systemUTC(), file, agentPasses);
    try (StackLock agentsLock = StackLock.tryAcquire(socket().getParent(), stack).orElseThrow()) {
      agent.start();
      return apply.get();
    } finally {
      agent.stop();
    }
  }

  @Test
  void aLockHeldWithoutAnAgentIsWaitedForThenAClearError() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    try (StackLock otherApply = StackLock.tryAcquire(socket().getParent(), "media").orElseThrow()) {
      CommandRun run = apply("--wait", "300ms", file.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("waiting for " + socket().getParent().resolve("media.lock") + ", held by pid")
          .contains("apply: stack media is still locked by pid " + ProcessHandle.current().pid());
      assertThat(fakes.engine.callCount()).isZero();
    }
  }

  @Test
  void holdsTheStacksLockForItsPassAndLetsItGoAfter() throws Exception {
    CommandRun run = apply(CommandRun.stackFile(dir, CommandRun.CONTAINERS).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(socket().getParent().resolve("media.lock")).exists();
    assertThat(StackLock.tryAcquire(socket().getParent(), "media")).hasValueSatisfying(lock -> {
      try {
        lock.close();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** apply with the status socket (and so the locks) in the test's directory. */
  private CommandRun apply(String... args) {
    List<String> all = new ArrayList<>(List.of("apply", "--status-socket", socket().toString()));
    all.addAll(List.of(args));
    return CommandRun.of(fakes, all.toArray(String[]::new));
  }

  private Path socket() {
    return dir.resolve("run/status.sock");
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
