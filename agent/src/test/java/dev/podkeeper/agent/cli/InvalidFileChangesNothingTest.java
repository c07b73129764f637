package dev.podkeeper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.podkeeper.agent.testing.ForwardingEngine;
import dev.podkeeper.agent.testing.TestClock;
import dev.podkeeper.agent.testing.WorldBuilder;
import dev.podkeeper.agent.wiring.ReconcileModule;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.observed.ObservedUnit;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.model.port.UnitManager;
import dev.podkeeper.model.testing.FakeContainerEngine;
import dev.podkeeper.model.testing.FakeHostFiles;
import dev.podkeeper.model.testing.FakeUnitManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A stack is applied; then the file is broken in one of many ways and given to {@code apply} and to
 * {@code run}. Both must exit 1 having made no change: no engine call that mutates, no file or directory
 * written, no unit started, stopped, enabled or disabled (spec section 3: an invalid file never changes
 * anything).
 */
class InvalidFileChangesNothingTest {
  private static final String VALID = """
      version: 1
      stack: media
      networks:
        media: { subnet: 10.89.0.0/24 }
      directories:
        - { path: /srv/media, owner: "0:0" }
      envFiles:
        vpn: { path: /srv/media/vpn.env, values: { VPN_PROVIDER: protonvpn } }
      units:
        jellyfin.service: { state: active, enabled: true }
      containers:
        gluetun: { image: localhost/gluetun:1, network: media, envFiles: [vpn] }
        qbittorrent: { image: localhost/qbittorrent:1, network: "container:gluetun", requiresUnits: [jellyfin.service] }
      """;

  @TempDir
  Path dir;

  private final Recording wiring = new Recording();
  private Path file;

  @BeforeEach
  void applyTheValidFile() throws IOException {
    file = Files.writeString(dir.resolve("media.yaml"), VALID);
    CommandRun applied = run("apply", file.toString());
    assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
    wiring.mutations.clear();
  }

  static Stream<Arguments> brokenFiles() {
    String valid = VALID;
    String lol = "[" + String.join(", ", Collections.nCopies(9, "lol")) + "]";
    String bomb = "a: &a " + lol + "\n" + IntStream.rangeClosed('b', 'i')
        .mapToObj(c -> (char) c + ": &" + (char) c + " [" + String.join(", ", Collections.nCopies(9, "*" + (char) (c - 1))) + "]")
        .collect(Collectors.joining("\n")) + "\n";
    return Stream.of(
        broken("a syntax error", valid.replace("containers:\n", "containers: [\n")),
        broken("a reference to no network", valid.replace("network: media, envFiles", "network: nowhere, envFiles")),
        broken("a typo that would drop every container", valid.replace("containers:", "containerz:")),
        broken("a port on every interface", valid.replace("envFiles: [vpn] }", "envFiles: [vpn], ports: [\"8080:80\"] }")),
        broken("version 2", valid.replace("version: 1", "version: 2")),
        broken("a duplicate key", valid.replace("stack: media\n", "stack: media\nstack: other\n")),
        broken("a stack name that is not one", valid.replace("stack: media", "stack: Media Stack")),
        broken("a dependency cycle", valid.replace("envFiles: [vpn] }", "envFiles: [vpn], dependsOn: [qbittorrent] }")),
        broken("an empty file", ""),
        broken("only comments", "# TODO\n"),
        broken("an alias bomb", valid + bomb),
        Arguments.of("Latin-1 bytes", (valid + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1)),
        Arguments.of("10 MB", (valid + "# " + "x".repeat(10 << 20) + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  private static Arguments broken(String what, String yaml) {
    return Arguments.of(what, yaml.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void applyChangesNothing(String what, byte[] content) throws IOException {
    Files.write(file, content);

    assertChangesNothing(run("apply", file.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void runAtStartupChangesNothing(String what, byte[] content) throws IOException {
    Files.write(file, content);

    assertChangesNothing(run("run", file.toString(), "--status-socket", dir.resolve("status.sock").toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadable")
  void anUnreadableFileChangesNothing(String what, String path) {
    assertChangesNothing(run("apply", dir.resolve(path).toString()));
  }

  static Stream<Arguments> unreadable() {
    return Stream.of(Arguments.of("a missing file", "no-such.yaml"), Arguments.of("a directory", "."));
  }

  private void assertChangesNothing(CommandRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).contains("nothing was changed");
    assertThat(run.err().length()).as("stderr stays short").isLessThan(10_000);
    assertThat(wiring.mutations).as("mutating calls").isEmpty();
    assertThat(wiring.engine.find("gluetun")).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
    assertThat(wiring.engine.find("qbittorrent")).hasValueSatisfying(c -> assertThat(c.running()).isTrue());
  }

  /** {@code podkeeper ARGS}, with apply and run wired to {@link Recording}. */
  private CommandRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == ApplyCommand.class) {
          return type.cast(new ApplyCommand(wiring));
        }
        if (type == RunCommand.class) {
          return type.cast(new RunCommand(wiring));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    int code = Main.commandLine(factory)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  /** The fakes, each behind a wrapper that notes every call that would change something. */
  static final class Recording implements AgentWiring {
    final FakeContainerEngine engine = new FakeContainerEngine()
        .withImage("localhost/gluetun:1").withImage("localhost/qbittorrent:1");
    final FakeUnitManager units = new FakeUnitManager().withUnit("jellyfin.service");
    final FakeHostFiles files = new FakeHostFiles();
    final List<String> mutations = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Module> modules(GlobalOptions options, PrintWriter out) {
      return List.of(new AbstractModule() {
        @Override
        protected void configure() {
          bind(ContainerEngine.class).toInstance(new RecordingEngine(engine, mutations));
          bind(UnitManager.class).toInstance(new RecordingUnits(units, mutations));
          bind(HostFiles.class).toInstance(new RecordingFiles(files, mutations));
          bind(Clock.class).toInstance(new TestClock(WorldBuilder.T0));
        }
      }, new ReconcileModule(options.logFormat(), out));
    }
  }

  private static final class RecordingEngine extends ForwardingEngine {
    private final List<String> mutations;

    RecordingEngine(ContainerEngine engine, List<String> mutations) {
      super(engine);
      this.mutations = mutations;
    }

    @Override
    public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
      mutations.add("create network " + spec.name());
      return super.createNetwork(spec, labels);
    }

    @Override
    public void removeNetwork(String nameOrId) {
      mutations.add("remove network " + nameOrId);
      super.removeNetwork(nameOrId);
    }

    @Override
    public void pullImage(String image) {
      mutations.add("pull " + image);
      super.pullImage(image);
    }

    @Override
    public String createContainer(ResolvedContainer container) {
      mutations.add("create container " + container.name());
      return super.createContainer(container);
    }

    @Override
    public void startContainer(String id) {
      mutations.add("start container " + id);
      super.startContainer(id);
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
      mutations.add("stop container " + id);
      super.stopContainer(id, timeout);
    }

    @Override
    public void removeContainer(String id) {
      mutations.add("remove container " + id);
      super.removeContainer(id);
    }
  }

  private record RecordingUnits(UnitManager units, List<String> mutations) implements UnitManager {
    @Override
    public Map<String, ObservedUnit> observe(Collection<String> unitNames) {
      return units.observe(unitNames);
    }

    @Override
    public void start(String unit) {
      mutations.add("start " + unit);
      units.start(unit);
    }

    @Override
    public void stop(String unit) {
      mutations.add("stop " + unit);
      units.stop(unit);
    }

    @Override
    public void restart(String unit) {
      mutations.add("restart " + unit);
      units.restart(unit);
    }

    @Override
    public void enable(String unit) {
      mutations.add("enable " + unit);
      units.enable(unit);
    }

    @Override
    public void disable(String unit) {
      mutations.add("disable " + unit);
      units.disable(unit);
    }

    @Override
    public AutoCloseable subscribeChanges(Consumer<String> listener) {
      return units.subscribeChanges(listener);
    }
  }

  private record RecordingFiles(HostFiles files, List<String> mutations) implements HostFiles {
    @Override
    public Optional<PathAttributes> attributes(Path path) throws IOException {
      return files.attributes(path);
    }

    @Override
    public void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
      mutations.add("create directories " + path);
      files.createDirectories(path, owner, mode);
    }

    @Override
    public void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
      mutations.add("set owner and mode of " + path);
      files.setOwnerAndMode(path, owner, mode);
    }

    @Override
    public byte[] read(Path path) throws IOException {
      return files.read(path);
    }

    @Override
    public void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
      mutations.add("write " + path);
      files.writeAtomically(path, content, mode);
    }
  }
}
