package dev.podkeeper.agent.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.podkeeper.agent.doctor.FixtureProbes;
import dev.podkeeper.agent.doctor.FixtureProcFs;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.agent.wiring.ReconcileModule;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeImageRegistry;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The production wiring's twin: the same reconcile module over the in-memory engine, systemd and host. */
final class FakesWiring implements AgentWiring {
  static final Path SECRET_FILE = Path.of("/run/secrets/vpn-password");
  static final String SECRET = "s3cret-from-agenix";

  final FakeContainerEngine engine = new FakeContainerEngine()
      .withImage("localhost/gluetun:1").withImage("localhost/qbittorrent:1");
  final FakeUnitManager units = new FakeUnitManager();
  final FakeHostFiles files = new FakeHostFiles().withFile(SECRET_FILE, SECRET + "\n");
  /** Asked by {@code --check-updates}; without a registry bound, commands look at no update at all. */
  final FakeImageRegistry registry = new FakeImageRegistry();
  /** The host's /proc and network as {@code doctor} sees them. */
  final FixtureProcFs proc = new FixtureProcFs();
  final FixtureProbes probes = new FixtureProbes();
  /** The global options the last command was wired with. */
  GlobalOptions options;

  @Override
  public List<Module> modules(GlobalOptions options, PrintWriter out) {
    this.options = options;
    return List.of(new AbstractModule() {
      @Override
      protected void configure() {
        bind(ContainerEngine.class).toInstance(engine);
        bind(UnitManager.class).toInstance(units);
        bind(HostFiles.class).toInstance(files);
        OptionalBinder.newOptionalBinder(binder(), ImageRegistry.class).setBinding().toInstance(registry);
        bind(Clock.class).toInstance(new TestClock(WorldBuilder.T0));
      }
    }, new ReconcileModule(options.logFormat(), out));
  }
}
