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
  void aComponentThatFailsToStartStopsTheOnesBeforeIt() {
    assertThatThrownBy(() -> new Bootstrap(new Wiring("broken")).initialize()).hasMessageContaining("cannot bind");

    assertThat(events).isEmpty();
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
