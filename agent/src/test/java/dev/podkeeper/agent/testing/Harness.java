package dev.podkeeper.agent.testing;

import dev.podkeeper.agent.execute.Executor;
import dev.podkeeper.agent.execute.ExecutorOptions;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.agent.plan.Planner;
import dev.podkeeper.agent.plan.PlannerOptions;
import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.ReconcileLog;
import dev.podkeeper.agent.reconcile.ReconcilePass;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reconcile pass over the in-memory fakes, with the media stack's images, secret and unit in place.
 * The clock moves only on health-check polls, so a health timeout passes without sleeping.
 */
public final class Harness {
  public final TestClock clock = new TestClock(WorldBuilder.T0);
  public final FakeContainerEngine engine = new FakeContainerEngine(clock);
  public final FakeUnitManager units = new FakeUnitManager().withUnit("jellyfin.service");
  public final FakeHostFiles files;
  private final StringWriter log = new StringWriter();
  private final AtomicInteger passes = new AtomicInteger();

  public Harness() {
    this(new FakeHostFiles().withFile(Stacks.SECRET_FILE, Stacks.SECRET + "\n"));
  }

  /** @param files the host as it is before the first pass */
  public Harness(FakeHostFiles files) {
    this.files = files;
    for (String name : Stacks.media().containers().keySet()) {
      engine.withImage("localhost/" + name + ":1");
    }
  }

  public PassResult apply(DesiredState desired) throws InterruptedException {
    return apply(desired, engine, LogFormat.TEXT);
  }

  /** One pass with these planner options (e.g. {@code --adopt}). */
  public PassResult apply(DesiredState desired, PlannerOptions options) throws InterruptedException {
    return pass(engine, LogFormat.TEXT).run(desired, Trigger.MANUAL, options);
  }

  /** What plan would print now, without running anything. */
  public Plan plan(DesiredState desired, PlannerOptions options) {
    return Planner.plan(desired, new WorldObserver(engine, units, files).observe(desired, true, options.adopt()),
        options);
  }

  /** One pass through {@code through} (the fake, or a wrapper injecting faults), logging in {@code format}. */
  public PassResult apply(DesiredState desired, ContainerEngine through, LogFormat format) throws InterruptedException {
    return pass(through, format).run(desired, Trigger.MANUAL, PlannerOptions.DEFAULT);
  }

  private ReconcilePass pass(ContainerEngine through, LogFormat format) {
    Executor executor = new Executor(through, units, files, clock, clock::advance,
        new ExecutorOptions(2, Duration.ofSeconds(1)));
    return new ReconcilePass(new WorldObserver(through, units, files), executor,
        new ReconcileLog(new PrintWriter(log, true), format), clock, () -> "pass" + passes.incrementAndGet());
  }

  /** The passes of a running agent: one observer, seeing the engine through {@code picture}, for all of them. */
  public ReconcilePass agentPass(EnginePicture picture) {
    Executor executor = new Executor(engine, units, files, clock, clock::advance,
        new ExecutorOptions(2, Duration.ofSeconds(1)));
    return new ReconcilePass(new WorldObserver(engine, units, files, picture), executor,
        new ReconcileLog(new PrintWriter(log, true), LogFormat.TEXT), clock, () -> "pass" + passes.incrementAndGet());
  }

  /** Everything the reconcile log printed so far. */
  public String log() {
    return log.toString();
  }

  public String id(String container) {
    return engine.find(container).orElseThrow().id();
  }
}
