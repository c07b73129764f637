package dev.podkeeper.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LifeCycleManagerTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  private class Component implements Managed {
    final String name;

    Component(String name) {
      this.name = name;
    }

    @Override
    public void start() {
      if (name.equals("broken")) {
        throw new IllegalStateException("cannot bind");
      }
      events.add("start " + name);
    }

    @Override
    public void stop() {
      events.add("stop " + name);
    }
  }

  private final class Loop extends Component {
    Loop(String name) {
      super(name);
    }
  }

  private final class Watcher extends Component {
    Watcher(Loop loop) {
      super("watcher");
    }
  }

  /** Watcher needs Loop: Loop is created, so started, first, and stopped last, whatever the binding order. */
  private final class Wiring extends AbstractModule {
    private final String loopName;

    Wiring(String loopName) {
      this.loopName = loopName;
    }

    @Provides
    @Singleton
    Watcher watcher(Loop loop) {
      return new Watcher(loop);
    }

    @Provides
    @Singleton
    Loop loop() {
      return new Loop(loopName);
    }
  }

  @Test
  void startsDependenciesFirstAndStopsInReverse() throws Exception {
    Injector injector = new Bootstrap(new Wiring("loop")).initialize();
    injector.getInstance(LifeCycleManager.class).stop();

    assertThat(events).containsExactly("start loop", "start watcher", "stop watcher", "stop loop");
  }

  @Test
  void aComponentThatFailsToStartIsStoppedTooAndTheOnesAfterItNeverStart() {
    assertThatThrownBy(() -> new Bootstrap(new Wiring("broken")).initialize()).hasMessageContaining("cannot bind");

    // It may have opened something before it failed: its stop cleans that up.
    assertThat(events).containsExactly("stop broken");
  }

  @Test
  void aFailedStartStopsTheOnesBeforeItInReverse() throws Exception {
    LifeCycleManager manager = new LifeCycleManager();
    manager.add(new Component("a"));
    manager.add(new Component("b"));
    manager.add(new Component("broken"));
    manager.add(new Component("c"));

    assertThatThrownBy(manager::start).hasMessageContaining("cannot bind");

    assertThat(events).containsExactly("start a", "start b", "stop broken", "stop b", "stop a");
  }

  private final class Client implements AutoCloseable {
    final String name;

    Client(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }

  private final class Service extends Component {
    Service(Client client) {
      super("service");
    }
  }

  @Test
  void closeablesTheInjectorCreatesAreClosedOnStopAfterWhatUsesThem() throws Exception {
    Injector injector = new Bootstrap(new AbstractModule() {
      @Provides
      @Singleton
      Client client() {
        return new Client("engine");
      }

      @Provides
      @Singleton
      Service service(Client client) {
        return new Service(client);
      }
    }).initialize();

    injector.getInstance(LifeCycleManager.class).stop();

    assertThat(events).containsExactly("start service", "stop service", "close engine");
  }

  @Test
  void theShutdownHookIsInstalledBeforeTheInjectorCreatesAnything() throws Exception {
    LifeCycleManager manager = new LifeCycleManager();
    List<Boolean> hookAtCreation = new CopyOnWriteArrayList<>();
    new Bootstrap(manager, new AbstractModule() {
      @Provides
      @Singleton
      Client client() {
        hookAtCreation.add(manager.shutdownHookInstalled());
        return new Client("first");
      }
    }).initialize();
    manager.stop();

    assertThat(hookAtCreation).containsExactly(true);
  }

  @Test
  void aComponentCreatedAfterStopIsStoppedAtOnce() throws Exception {
    LifeCycleManager manager = new LifeCycleManager();
    manager.start();
    manager.stop();

    manager.add(Managed.closing(new Client("late")));
    manager.start();

    assertThat(events).containsExactly("close late");
  }

  @Test
  void stoppingTwiceStopsOnce() throws Exception {
    LifeCycleManager manager = new LifeCycleManager();
    manager.add(new Component("a"));
    manager.start();
    manager.stop();
    manager.stop();
    manager.awaitStopped();

    assertThat(events).containsExactly("start a", "stop a");
  }

  @Test
  void explicitBindingsAreRequired() {
    record Unbound(String x) {}
    assertThatThrownBy(() -> new Bootstrap().initialize().getInstance(Unbound.class))
        .hasMessageContaining("Explicit bindings are required");
  }
}
