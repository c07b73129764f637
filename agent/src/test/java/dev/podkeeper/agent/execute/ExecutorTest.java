package dev.podkeeper.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionInput.ContainerCreation;
import dev.podkeeper.agent.plan.ActionInput.HealthWait;
import dev.podkeeper.agent.plan.ActionInput.NetworkCreation;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.Redacted;
import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.PullPolicy;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.HostFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The executor alone, on hand-made plans over the fakes: scheduling, skipping, presets, health waits. */
class ExecutorTest {
  private final Harness harness = new Harness();

  @Test
  void independentBranchesRunAtTheSameTime() throws Exception {
    CountDownLatch bothInside = new CountDownLatch(2);
    ContainerEngine rendezvous = new ForwardingEngine(harness.engine) {
      @Override
      public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        bothInside.countDown();
        // Passes only if the other branch is inside too: one thread at a time would wait here in vain.
        if (!awaitQuietly(bothInside)) {
          throw new EngineException("create network " + spec.name() + ": the other branch did not run alongside");
        }
        return super.createNetwork(spec, labels);
      }
    };
    Plan plan = Plan.of(List.of(network("a"), network("b"), network("c").waitingFor(List.of(id("a"), id("b")))));

    List<ActionResult> results = executor(rendezvous).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::outcome).containsOnly(Outcome.OK);
  }

  @Test
  void aFreeThreadTakesTheReadyActionThatComesFirstInThePlan() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    ContainerEngine recording = new ForwardingEngine(harness.engine) {
      @Override
      public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        order.add(spec.name());
        return super.createNetwork(spec, labels);
      }
    };
    // The shape of a provider and its namespace member beside independent services: the member is ready only
    // once the provider is done, after the services were; its place in the plan is right after the provider.
    Plan plan = Plan.of(List.of(network("provider"), network("member").waitingFor(List.of(id("provider"))),
        network("svc-1"), network("svc-2"), network("svc-3")));
    Executor oneAtATime = new Executor(recording, harness.units, harness.files, harness.clock, harness.clock::advance,
        new ExecutorOptions(1, Duration.ofSeconds(1)));

    oneAtATime.execute(plan, ObservedState.empty(), r -> {});

    assertThat(order).containsExactly("provider", "member", "svc-1", "svc-2", "svc-3");
  }

  @Test
  void aPassAsksOnceWhetherAnImageIsThereHoweverManyContainersRunIt() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    ContainerEngine counting = new ForwardingEngine(harness.engine) {
      @Override
      public boolean imageExists(String image) {
        checks.incrementAndGet();
        return super.imageExists(image);
      }
    };
    List<Action> creates = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      creates.add(Action.of(ActionKind.CREATE_CONTAINER, name, "missing", new ContainerCreation(
          ContainerSpec.builder(name, Stacks.prowlarr().image(), new NetworkAttachment.Bridge("media")).build(),
          Redacted.of(Map.of()), Stacks.STACK, Optional.empty())));
    }
    Executor executor = executor(counting);

    List<ActionResult> results = executor.execute(Plan.of(creates), ObservedState.empty(), r -> {});
    int firstPass = checks.get();
    harness.engine.removeContainer(harness.engine.find("a").orElseThrow().id());
    executor.execute(Plan.of(creates.subList(0, 1)), ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::outcome).containsOnly(Outcome.OK);
    assertThat(firstPass).isEqualTo(1);
    assertThat(checks.get()).as("the next pass asks again").isEqualTo(2);
  }

  @Test
  void containersOnAMissingImageWaitForOnePullOfIt() throws Exception {
    String image = "localhost/fresh:1";
    harness.engine.publish(image, "sha256:" + "f".repeat(64), Set.of());
    AtomicInteger pulls = new AtomicInteger();
    ContainerEngine counting = new ForwardingEngine(harness.engine) {
      @Override
      public void pullImage(String name) {
        pulls.incrementAndGet();
        super.pullImage(name);
      }
    };
    List<Action> creates = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      creates.add(Action.of(ActionKind.CREATE_CONTAINER, name, "missing", new ContainerCreation(
          ContainerSpec.builder(name, image, new NetworkAttachment.Bridge("media")).build(),
          Redacted.of(Map.of()), Stacks.STACK, Optional.empty())));
    }

    List<ActionResult> results = executor(counting).execute(Plan.of(creates), ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::outcome).containsOnly(Outcome.OK);
    assertThat(pulls).hasValue(1);
  }

  @Test
  void anErrorInAStepIsNotAFailedActionButEndsTheExecutionWithThatError() {
    ContainerEngine outOfMemory = new ForwardingEngine(harness.engine) {
      @Override
      public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    Plan plan = Plan.of(List.of(network("a"), network("b").waitingFor(List.of(id("a")))));
    List<ActionResult> heard = new ArrayList<>();

    // The JVM is in no state to trust after an Error: the caller (the loop) must see it and end the process.
    assertThatThrownBy(() -> executor(outOfMemory).execute(plan, ObservedState.empty(), heard::add))
        .isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
    assertThat(heard).extracting(ActionResult::id, ActionResult::outcome)
        .containsExactly(tuple(id("a"), Outcome.FAILED));
  }

  @Test
  void aFailureSkipsItsDependentsTransitivelyAndTheRestGoesOn() throws Exception {
    harness.engine.createNetwork(spec("taken"), Map.of());
    Plan plan = Plan.of(List.of(network("taken"), network("b").waitingFor(List.of(id("taken"))),
        network("c").waitingFor(List.of(id("b"))), network("d")));
    List<ActionResult> heard = new ArrayList<>();

    List<ActionResult> results = executor(harness.engine).execute(plan, ObservedState.empty(), heard::add);

    assertThat(results).extracting(ActionResult::id, ActionResult::outcome, r -> r.error().orElse(""))
        .containsExactly(
            tuple(id("taken"), Outcome.FAILED, "create network taken: network name already in use"),
            tuple(id("b"), Outcome.SKIPPED, "skipped: waiting for network taken, which failed"),
            tuple(id("c"), Outcome.SKIPPED, "skipped: waiting for network b, which was skipped"),
            tuple(id("d"), Outcome.OK, ""));
    assertThat(heard).hasSize(4);
    assertThat(heard.indexOf(results.get(1))).isGreaterThan(heard.indexOf(results.get(0)));
    assertThat(harness.engine.listNetworks()).extracting(n -> n.name()).containsExactlyInAnyOrder("taken", "d");
  }

  @Test
  void presetOutcomesAreRecordedWithoutRunningAnything() throws Exception {
    long calls = harness.engine.callCount();
    Plan plan = Plan.of(List.of(
        Action.of(ActionKind.REPORT_CLASH, "sonarr", "name taken by an unmanaged container", new ActionInput.None())
            .failing("the name sonarr is taken"),
        Action.of(ActionKind.START_CONTAINER, "prowlarr", "exited", new ActionInput.ContainerRef("id-p", Duration.ZERO))
            .skipping("backing off until 10:05:00"),
        network("n").waitingFor(List.of("report-clash:sonarr"))));

    List<ActionResult> results = executor(harness.engine).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results).extracting(r -> r.error().orElseThrow()).containsExactly("the name sonarr is taken",
        "skipped: backing off until 10:05:00", "skipped: waiting for sonarr, which failed");
    assertThat(harness.engine.callCount()).isEqualTo(calls);
  }

  @Test
  void aHealthWaitGivesUpAfterTheChecksTimeAndSkipsDependents() throws Exception {
    harness.engine.failHealthChecksOf("gluetun");
    Plan plan = Plan.of(List.of(
        Action.of(ActionKind.CREATE_CONTAINER, "gluetun", "missing", new ContainerCreation(Stacks.gluetun(),
            Redacted.of(Map.of()), Stacks.STACK, Optional.empty())),
        Action.of(ActionKind.AWAIT_HEALTHY, "gluetun", "needed", HealthWait.forCheck(Stacks.HEALTH))
            .waitingFor(List.of("create-container:gluetun")),
        network("after").waitingFor(List.of("await-healthy:gluetun"))));

    List<ActionResult> results = executor(harness.engine).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::outcome).containsExactly(Outcome.OK, Outcome.FAILED, Outcome.SKIPPED);
    assertThat(results.get(1).error()).hasValueSatisfying(e -> assertThat(e)
        .startsWith("await healthy gluetun: still unhealthy after 75 s"));
    assertThat(results.get(1).durationMs()).isGreaterThanOrEqualTo(75_000);
  }

  @Test
  void aHealthWaitLastsAtMostTheLimitWhateverTheStartPeriod() throws Exception {
    harness.engine.failHealthChecksOf("gluetun");
    HealthWait hours = new HealthWait(Duration.ofHours(3));
    Plan plan = Plan.of(List.of(
        Action.of(ActionKind.CREATE_CONTAINER, "gluetun", "missing", new ContainerCreation(Stacks.gluetun(),
            Redacted.of(Map.of()), Stacks.STACK, Optional.empty())),
        Action.of(ActionKind.AWAIT_HEALTHY, "gluetun", "needed", hours).waitingFor(List.of("create-container:gluetun"))));
    Executor executor = new Executor(harness.engine, harness.units, harness.files, harness.clock,
        harness.clock::advance, new ExecutorOptions(2, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofHours(1)));

    List<ActionResult> results = executor.execute(plan, ObservedState.empty(), r -> {});

    assertThat(results.get(1).error()).hasValueSatisfying(e -> assertThat(e).startsWith(
        "await healthy gluetun: still unhealthy after 1800 s (the longest podkeeper waits; its check's start period"
            + " + retries x interval asks for 10800 s)"));
  }

  @Test
  void aStepStillRunningAtThePlansDeadlineFailsAndSoDoWhatWaitsForIt() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ContainerEngine hung = new ForwardingEngine(harness.engine) {
      @Override
      public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        if (spec.name().equals("a")) {
          awaitQuietly(never);
        }
        return super.createNetwork(spec, labels);
      }
    };
    Plan plan = Plan.of(List.of(network("a"), network("b"), network("c").waitingFor(List.of(id("a"), id("b")))));
    Executor executor = new Executor(hung, harness.units, harness.files, harness.clock, harness.clock::advance,
        new ExecutorOptions(2, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofSeconds(1)));

    long started = System.nanoTime();
    List<ActionResult> results = executor.execute(plan, ObservedState.empty(), r -> {});
    never.countDown();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(results).extracting(ActionResult::outcome).containsExactly(Outcome.FAILED, Outcome.OK, Outcome.FAILED);
    assertThat(results.get(0).error()).contains(
        "still running after 1 s, the deadline of a whole plan; given up (the next pass looks again)");
    assertThat(results.get(2).error()).contains(
        "waited 1 s, the deadline of a whole plan, for [" + id("a") + "]; given up (the next pass looks again)");
  }

  @Test
  void secretValuesAreScrubbedFromErrors() throws Exception {
    Plan plan = new Plan(List.of(network("x").failing("engine said: token " + Stacks.SECRET + " refused")),
        Redacted.of(Set.of(Stacks.SECRET)));

    List<ActionResult> results = executor(harness.engine).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results.get(0).error()).contains("engine said: token *** refused");
  }

  @Test
  void anOrphanTheEngineWillNotRemoveHoldsBackOnlyWhatNeedsItGone() throws Exception {
    String orphan = harness.engine.addUnmanaged("old-app", "localhost/prowlarr:1", Map.of());
    harness.engine.createNetwork(spec("old-net"), Map.of());
    ContainerEngine refusing = new ForwardingEngine(harness.engine) {
      @Override
      public void removeContainer(String id) {
        throw new EngineException("remove container " + id + ": Podman says: device or resource busy");
      }
    };
    Action removal = Action.of(ActionKind.REMOVE_CONTAINER, "old-app", "orphan",
        new ActionInput.ContainerRef(orphan, Duration.ZERO));
    Plan plan = Plan.of(List.of(removal,
        Action.of(ActionKind.REMOVE_NETWORK, "old-net", "orphan", new ActionInput.NetworkRef("old-net"))
            .waitingFor(List.of(removal.id())),
        Action.of(ActionKind.CREATE_CONTAINER, "prowlarr", "missing", new ContainerCreation(Stacks.prowlarr(),
            Redacted.of(Map.of()), Stacks.STACK, Optional.empty())).after(List.of(removal.id()))));

    List<ActionResult> results = executor(refusing).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::id, ActionResult::outcome).containsExactly(
        tuple("remove-container:old-app", Outcome.FAILED),
        tuple("remove-network:old-net", Outcome.SKIPPED),
        tuple("create-container:prowlarr", Outcome.OK));
    assertThat(harness.engine.find("prowlarr")).isPresent();
  }

  @Test
  void eachFailureSaysWhetherTryingAgainCanHelp() throws Exception {
    harness.engine.createNetwork(spec("taken"), Map.of());
    ContainerEngine refusing = new ForwardingEngine(harness.engine) {
      @Override
      public void removeNetwork(String nameOrId) {
        throw new EngineException("remove network " + nameOrId + ": Podman says: invalid name", FailureKind.PERMANENT,
            null);
      }
    };
    HostFiles denying = new HostFiles() {
      @Override
      public Optional<PathAttributes> attributes(Path path) {
        return Optional.empty();
      }

      @Override
      public void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
        throw new AccessDeniedException(path.toString());
      }

      @Override
      public void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
        throw new AccessDeniedException(path.toString());
      }

      @Override
      public byte[] read(Path path) throws IOException {
        throw new AccessDeniedException(path.toString());
      }

      @Override
      public void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
        throw new AccessDeniedException(path.toString());
      }
    };
    Plan plan = Plan.of(List.of(
        network("taken"),
        Action.of(ActionKind.REMOVE_NETWORK, "gone", "orphan", new ActionInput.NetworkRef("id-gone")),
        Action.of(ActionKind.CREATE_CONTAINER, "app", "missing", new ContainerCreation(
            Stacks.prowlarr().toBuilder().image("localhost/absent:1").pull(PullPolicy.NEVER).build(),
            Redacted.of(Map.of()), Stacks.STACK, Optional.empty())),
        Action.of(ActionKind.ENSURE_DIRECTORY, "/srv/x", "missing", new ActionInput.Directory(Path.of("/srv/x"),
            Ownership.DEFAULT, FileMode.DIRECTORY_DEFAULT, Optional.empty(), Optional.empty())),
        Action.of(ActionKind.REPORT_CLASH, "sonarr", "name taken", new ActionInput.None()).failing("taken"),
        network("after").waitingFor(List.of(id("taken")))));

    List<ActionResult> results = new Executor(refusing, harness.units, denying, harness.clock, harness.clock::advance,
        new ExecutorOptions(2, Duration.ofSeconds(1))).execute(plan, ObservedState.empty(), r -> {});

    assertThat(results).extracting(ActionResult::id, r -> r.failureKind().orElse(null)).containsExactly(
        tuple(id("taken"), FailureKind.TRANSIENT),
        tuple("remove-network:gone", FailureKind.PERMANENT),
        tuple("create-container:app", FailureKind.PERMANENT),
        tuple("ensure-directory:/srv/x", FailureKind.PERMANENT),
        tuple("report-clash:sonarr", FailureKind.PERMANENT),
        tuple(id("after"), null));
  }

  private Executor executor(ContainerEngine engine) {
    return new Executor(engine, harness.units, harness.files, harness.clock, harness.clock::advance,
        new ExecutorOptions(2, Duration.ofSeconds(1)));
  }

  private static Action network(String name) {
    return Action.of(ActionKind.CREATE_NETWORK, name, "missing", new NetworkCreation(spec(name), Stacks.STACK));
  }

  private static NetworkSpec spec(String name) {
    return new NetworkSpec(name, Optional.empty(), Optional.empty(), true);
  }

  private static String id(String network) {
    return "create-network:" + network;
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
