package dev.podkeeper.agent.lifecycle;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.matcher.Matchers;
import com.google.inject.spi.ProvisionListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Builds the injector the way airlift does: explicit bindings only (no just-in-time surprises), no
 * circular proxies, PRODUCTION stage (every singleton is created now, so wiring errors show at startup,
 * not at the first file change). Every {@link Managed} the injector creates goes to the
 * {@link LifeCycleManager}, and so does every {@link AutoCloseable} (closed on stop); {@link #initialize}
 * then starts them. The manager's shutdown hook is installed before the injector creates anything, so that
 * whatever the JVM's end, what was opened is closed.
 */
public final class Bootstrap {
  private final LifeCycleManager lifeCycle;
  private final List<Module> modules;

  public Bootstrap(Module... modules) {
    this(new LifeCycleManager(), modules);
  }

  /** @param lifeCycle made by the caller when it must reach it before the injector exists (signal handlers) */
  public Bootstrap(LifeCycleManager lifeCycle, Module... modules) {
    this.lifeCycle = requireNonNull(lifeCycle, "lifeCycle is null");
    this.modules = List.of(modules);
  }

  /** Creates the injector and starts every managed component; stops them again if one fails to start. */
  public Injector initialize() throws Exception {
    lifeCycle.addShutdownHook();
    List<Module> all = new ArrayList<>(modules);
    all.add(new LifeCycleModule(lifeCycle));
    Injector injector;
    try {
      injector = Guice.createInjector(Stage.PRODUCTION, all);
    } catch (RuntimeException e) {
      // Whatever was created before the failure (a client, a socket) is closed now, not at the JVM's exit.
      lifeCycle.stop();
      throw e;
    }
    lifeCycle.start();
    return injector;
  }

  private static final class LifeCycleModule extends AbstractModule {
    private final LifeCycleManager lifeCycle;
    private final Set<Object> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    LifeCycleModule(LifeCycleManager lifeCycle) {
      this.lifeCycle = requireNonNull(lifeCycle, "lifeCycle is null");
    }

    @Override
    protected void configure() {
      binder().requireExplicitBindings();
      binder().disableCircularProxies();
      bind(LifeCycleManager.class).toInstance(lifeCycle);
      bindListener(Matchers.any(), new ProvisionListener() {
        @Override
        public <T> void onProvision(ProvisionInvocation<T> provision) {
          // provision() builds the object's dependencies first, so they are added (and started) first.
          T created = provision.provision();
          if (!(created instanceof Managed) && !(created instanceof AutoCloseable) || !seen.add(created)) {
            return;
          }
          Managed managed = created instanceof Managed m ? m : Managed.closing((AutoCloseable) created);
          try {
            lifeCycle.add(managed);
          } catch (Exception e) {
            throw new IllegalStateException("starting " + managed + " failed", e);
          }
        }
      });
    }
  }
}
