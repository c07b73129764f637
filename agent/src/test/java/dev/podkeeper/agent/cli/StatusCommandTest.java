package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.podkeeper.agent.loop.AgentPass;
import dev.podkeeper.agent.loop.CrashLoopBackoff;
import dev.podkeeper.agent.loop.DesiredStateStore;
import dev.podkeeper.agent.loop.ParsedFileLoader;
import dev.podkeeper.agent.loop.PassRequest;
import dev.podkeeper.agent.notify.ServiceNotifier;
import dev.podkeeper.agent.plan.ImageUpdate;
import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusJson;
import dev.podkeeper.agent.status.StatusServer;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.model.port.ResolvedContainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podkeeper status}: what is true, in the same words from the running agent and computed fresh; an
 * invalid edit first; what a waiting object waits for; exit codes with {@code --detailed-exitcode}.
 */
class StatusCommandTest {
  private static final String WITH_HEALTH_AND_PORTS = """
      containers:
        gluetun:
          image: localhost/gluetun:1
          network: media
          envFiles: [vpn]
          ports: [127.0.0.1:8080:8080]
          health:
            test: ["CMD-SHELL", "true"]
            interval: 10s
        qbittorrent:
          image: localhost/qbittorrent:1
          network: container:gluetun
      """;

  private final FakesWiring fakes = new FakesWiring();
  private final StatusBoard board = new StatusBoard();
  private final List<String> notified = new CopyOnWriteArrayList<>();

  @TempDir
  Path dir;

  @Test
  void theAgentAndAFreshStatusSayTheSameWords() throws Exception {
    Path file = CommandRun.stackFile(dir, WITH_HEALTH_AND_PORTS);
    DesiredStateStore store = store(file);

    AgentPass pass = agentPass(store);
    pass.run(new PassRequest(1, EnumSet.of(Trigger.STARTUP)));
    StatusSnapshot afterCreating = board.latest().orElseThrow();
    pass.run(new PassRequest(2, EnumSet.of(Trigger.RESYNC)));
    StatusSnapshot agent = board.latest().orElseThrow();
    StatusSnapshot fresh = StatusJson.read(CommandRun.of(fakes, "status", "--json", "--status-socket",
        dir.resolve("none.sock").toString(), file.toString()).out());

    List<Tuple> freshWords = fresh.objects().stream().map(o -> tuple(o.name(), o.actual(), o.state())).toList();
    assertThat(agent.objects()).extracting(ObjectStatus::name, ObjectStatus::actual, ObjectStatus::state)
        .as("a pass with nothing to do speaks from what it observed")
        .contains(tuple("gluetun", "running (healthy)", ObjectState.OK), tuple("qbittorrent", "running", ObjectState.OK))
        .containsExactlyElementsOf(freshWords);
    assertThat(afterCreating.objects()).extracting(ObjectStatus::name, ObjectStatus::actual, ObjectStatus::state)
        .as("a pass that created them says what its actions made").containsExactlyElementsOf(freshWords);
    assertThat(agent.objects()).filteredOn(o -> o.name().equals("gluetun")).singleElement()
        .extracting(ObjectStatus::ports).isEqualTo(List.of("127.0.0.1:8080:8080/tcp"));
    assertThat(agent.converged()).isTrue();
  }

  @Test
  void anInvalidEditIsTheFirstThingStatusShowsWithItsErrors() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    DesiredStateStore store = store(file);
    AgentPass pass = agentPass(store);
    pass.run(new PassRequest(1, EnumSet.of(Trigger.STARTUP)));

    Files.writeString(file, Files.readString(file).replace("network: media", "network: medai"));
    pass.run(new PassRequest(2, EnumSet.of(Trigger.FILE)));

    StatusSnapshot snapshot = StatusJson.read(StatusJson.write(board.latest().orElseThrow()));
    assertThat(snapshot.notApplied()).singleElement().asString().startsWith(file + ":").contains("medai");
    assertThat(snapshot.converged()).isFalse();
    assertThat(dev.podkeeper.agent.status.StatusTable.render(snapshot, ZoneOffset.UTC))
        .startsWith("NOT APPLIED: the latest edit of " + file + " is invalid; the agent keeps the last good state"
            + " until it is fixed:\n  " + file + ":");
    assertThat(notified.get(notified.size() - 1)).contains("edit NOT applied (1 problem, see podkeeper status)");
  }

  @Test
  void detailedExitCodeSaysWhetherTheAgentsStackIsConverged() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.CONTAINERS);
    Path socket = dir.resolve("status.sock");
    DesiredStateStore store = store(file);
    AgentPass pass = agentPass(store);
    StatusServer server = new StatusServer(socket, board, new TestClock(WorldBuilder.T0), file);
    server.start();
    try {
      pass.run(new PassRequest(1, EnumSet.of(Trigger.STARTUP)));
      assertThat(status(socket).exitCode()).isZero();

      Files.writeString(file, "version: 1\nstack: media\ncontainers: [\n");
      pass.run(new PassRequest(2, EnumSet.of(Trigger.FILE)));

      CommandRun run = status(socket);
      assertThat(run.exitCode()).isEqualTo(StatusCommand.NOT_CONVERGED);
      assertThat(run.out()).startsWith("NOT APPLIED:");
    } finally {
      server.stop();
    }
  }

  @Test
  void aFreshStatusSaysWhatAnObjectWaitsForAndExitsTwoUntilConverged() throws Exception {
    fakes.units.setDown(true);
    Path file = CommandRun.stackFile(dir, CommandRun.WITH_UNIT);

    CommandRun run = CommandRun.of(fakes, "status", "--detailed-exitcode", "--json", "--status-socket",
        dir.resolve("none.sock").toString(), file.toString());

    assertThat(run.exitCode()).isEqualTo(StatusCommand.NOT_CONVERGED);
    assertThat(StatusJson.read(run.out()).objects())
        .extracting(ObjectStatus::name, ObjectStatus::actual, ObjectStatus::state, o -> o.reason().orElse(""))
        .contains(tuple("gluetun", "absent", ObjectState.WAITING,
                "waiting for unit zigbee2mqtt.service, which will fail"),
            tuple("qbittorrent", "absent", ObjectState.WAITING, "waiting for gluetun, which will be skipped"));
  }

  @Test
  void theAgentSaysWhatASkippedObjectWaitedFor() throws Exception {
    fakes.units.setDown(true);
    Path file = CommandRun.stackFile(dir, CommandRun.WITH_UNIT);

    agentPass(store(file)).run(new PassRequest(1, EnumSet.of(Trigger.STARTUP)));

    assertThat(board.latest().orElseThrow().objects())
        .extracting(ObjectStatus::name, ObjectStatus::state, o -> o.reason().orElse(""))
        .contains(tuple("gluetun", ObjectState.WAITING, "waiting for unit zigbee2mqtt.service, which failed"));
    assertThat(dev.podkeeper.agent.status.StatusTable.render(board.latest().orElseThrow(), ZoneOffset.UTC))
        .contains("waiting for unit zigbee2mqtt.service, which failed");
  }

  @Test
  void withoutSystemdUnitsAreShownAsNotChecked() throws Exception {
    Path file = CommandRun.stackFile(dir, CommandRun.WITH_UNIT);

    CommandRun.of(fakes, "apply", "--no-systemd", file.toString());
    CommandRun run = CommandRun.of(fakes, "status", "--no-systemd", "--detailed-exitcode", "--json",
        "--status-socket", dir.resolve("none.sock").toString(), file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(StatusJson.read(run.out()).objects()).filteredOn(o -> o.kind().equals("unit")).singleElement()
        .extracting(ObjectStatus::actual, ObjectStatus::state)
        .containsExactly("not checked (--no-systemd)", ObjectState.UNCHECKED);
  }

  private CommandRun status(Path socket) {
    return CommandRun.of(fakes, "status", "--detailed-exitcode", "--status-socket", socket.toString());
  }

  private DesiredStateStore store(Path file) {
    DesiredStateStore store = new DesiredStateStore(file, new ParsedFileLoader());
    assertThat(store.loadFirst()).isEmpty();
    return store;
  }

  @Test
  void aFreshStatusShowsTheUpdateGateStillOpenOnAContainer() throws Exception {
    String v1 = "sha256:" + "1".repeat(64);
    String v2 = "sha256:" + "2".repeat(64);
    fakes.engine.withImage("localhost/app:latest", v2, java.util.Set.of());
    Path file = CommandRun.stackFile(dir, """
        containers:
          app: { image: localhost/app:latest, update: { policy: local, healthTimeout: 2m } }
        """);
    assertThat(CommandRun.of(fakes, "apply", file.toString()).exitCode()).isZero();
    UpdateGate gate = UpdateGate.opening(new ImageUpdate("app", "localhost/app:latest", java.util.Optional.of(v1), v2,
        true, java.time.Duration.ofMinutes(2)), WorldBuilder.T0);
    createdAgainWith(gate.labels(), "app");

    CommandRun run = CommandRun.of(fakes, "status", "--json", "--status-socket", dir.resolve("none.sock").toString(),
        file.toString());

    assertThat(StatusJson.read(run.out()).objects()).filteredOn(o -> o.kind().equals("image-update")).singleElement()
        .satisfies(row -> {
          assertThat(row.actual()).isEqualTo("update gate open until 2025-06-01T10:02:00Z"
              + " (sha256:111111111111 → sha256:222222222222); up to date (running sha256:222222222222)");
          assertThat(row.state()).as("an open gate does not make the stack unconverged").isEqualTo(ObjectState.OK);
        });
  }

  /** The container made again as an update makes it: the same spec, with podkeeper's state labels beside. */
  private void createdAgainWith(java.util.Map<String, String> stateLabels, String name) {
    ResolvedContainer before = fakes.engine.createdFrom(name).orElseThrow();
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(before.spec().labels());
    labels.putAll(stateLabels);
    String old = fakes.engine.find(name).orElseThrow().id();
    fakes.engine.stopContainer(old, java.time.Duration.ZERO);
    fakes.engine.removeContainer(old);
    fakes.engine.startContainer(fakes.engine.createContainer(new ResolvedContainer(
        before.spec().toBuilder().labels(labels).build(), before.env(), before.providerId(), before.stack(),
        before.specHash())));
  }

  private AgentPass agentPass(DesiredStateStore store) throws Exception {
    ReconcilePass pass = fakes.injector(new GlobalOptions(), new PrintWriter(new StringWriter()))
        .getInstance(ReconcilePass.class);
    TestClock clock = new TestClock(WorldBuilder.T0);
    return new AgentPass(store, pass, false, new CrashLoopBackoff(), board, new ServiceNotifier(notified::add), clock);
  }
}
