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
import java.util.List;

/**
 * Builds the injector the way airlift does: explicit bindings only (no just-in-time surprises), no
 * circular proxies, PRODUCTION stage (every singleton is created now, so wiring errors show at startup,
 * not at the first file change). Every {@link Managed} the injector creates goes to the
 * {@link LifeCycleManager}, which {@link #initialize} then starts.
 */
public final class Bootstrap {
  private final List<Module> modules;

  public Bootstrap(Module... modules) {
    this.modules = List.of(modules);
  }

  /** Creates the injector and starts every managed component; stops them again if one fails to start. */
  public Injector initialize() throws Exception {
    LifeCycleManager lifeCycle = new LifeCycleManager();
    List<Module> all = new ArrayList<>(modules);
    all.add(new LifeCycleModule(lifeCycle));
    Injector injector = Guice.createInjector(Stage.PRODUCTION, all);
    lifeCycle.start();
    return injector;
  }

  private static final class LifeCycleModule extends AbstractModule {
    private final LifeCycleManager lifeCycle;

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
          if (created instanceof Managed managed) {
            try {
              lifeCycle.add(managed);
            } catch (Exception e) {
              throw new IllegalStateException("starting " + managed.getClass().getSimpleName() + " failed", e);
            }
          }
        }
      });
    }
  }
}
