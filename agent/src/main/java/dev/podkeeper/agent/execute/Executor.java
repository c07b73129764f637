package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.observe.NoReverseProxy;
import dev.podkeeper.agent.plan.Plan;
import dev.podkeeper.model.observed.ObservedState;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.port.UnitManager;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a plan: independent branches in parallel on a small fixed pool, each action after the actions it
 * waits for succeeded; a failure skips its dependents and the rest goes on. It only carries out what the
 * planner decided. A whole plan has a deadline ({@link ExecutorOptions#executeDeadline}): what still runs or
 * waits then fails, and the threads of steps still running are interrupted.
 */
public final class Executor {
  private final ContainerEngine engine;
  private final UnitManager units;
  private final HostFiles files;
  private final ReverseProxy proxy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExecutorOptions options;
  private final UpdateOutcomes outcomes;

  public Executor(ContainerEngine engine, UnitManager units, HostFiles files, Clock clock, Sleeper sleeper,
      ExecutorOptions options) {
    this(engine, units, files, NoReverseProxy.INSTANCE, clock, sleeper, options);
  }

  /** @param proxy carries out the plan's site and route actions */
  public Executor(ContainerEngine engine, UnitManager units, HostFiles files, ReverseProxy proxy, Clock clock,
      Sleeper sleeper, ExecutorOptions options) {
    this(engine, units, files, proxy, clock, sleeper, options, UpdateOutcomes.NONE);
  }

  /** @param outcomes told how each image update it performs ends */
  public Executor(ContainerEngine engine, UnitManager units, HostFiles files, ReverseProxy proxy, Clock clock,
      Sleeper sleeper, ExecutorOptions options, UpdateOutcomes outcomes) {
    this.engine = engine;
    this.units = units;
    this.files = files;
    this.proxy = proxy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.options = options;
    this.outcomes = outcomes;
  }

  /**
   * @param observed the observation the plan was made from: the container IDs it knows
   * @param listener called with each result as it comes, on the calling thread
   * @return the results, in plan order
   */
  public List<ActionResult> execute(Plan plan, ObservedState observed, Consumer<ActionResult> listener)
      throws InterruptedException {
    if (plan.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
    try {
      ContainerIds ids = new ContainerIds(engine, observed.containers());
      // Steps of this execution alone: what they learn of the engine (an image present) holds for one pass.
      Steps steps = new Steps(engine, units, files, proxy, clock, sleeper, options, outcomes);
      return new ExecutionRun(plan, steps, ids, clock, listener, pool, options.threads(), options.executeDeadline())
          .run();
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "podkeeper-step-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
