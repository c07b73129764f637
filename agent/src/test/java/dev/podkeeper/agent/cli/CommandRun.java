package dev.podkeeper.agent.cli;

import dev.podkeeper.model.testing.SampleStacks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** One command line run, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code podkeeper ARGS} as {@link Main} would, with plan and apply wired to the fakes. */
  static CommandRun of(FakesWiring fakes, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(factory(fakes))
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  static IFactory factory(FakesWiring fakes) {
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == PlanCommand.class) {
          return type.cast(new PlanCommand(fakes));
        }
        if (type == ApplyCommand.class) {
          return type.cast(new ApplyCommand(fakes));
        }
        if (type == DoctorCommand.class) {
          return type.cast(new DoctorCommand(fakes, fakes.proc, () -> fakes.probes));
        }
        if (type == StatusCommand.class) {
          return type.cast(new StatusCommand(fakes));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
  }

  /** A desired-state file: gluetun with an env file fed by a secret, qbittorrent in its namespace. */
  static Path stackFile(Path dir, String containers) throws IOException {
    return Files.writeString(dir.resolve("media.yaml"), SampleStacks.MEDIA_PREAMBLE + containers);
  }

  /** A unit, and gluetun requiring it: the shape of a home-automation stack that needs a native service. */
  static final String WITH_UNIT = """
      units:
        zigbee2mqtt.service: { state: active }
      containers:
        gluetun:
          image: localhost/gluetun:1
          network: media
          envFiles: [vpn]
          requiresUnits: [zigbee2mqtt.service]
        qbittorrent:
          image: localhost/qbittorrent:1
          network: container:gluetun
      """;

  static final String CONTAINERS = """
      containers:
        gluetun:
          image: localhost/gluetun:1
          network: media
          envFiles: [vpn]
        qbittorrent:
          image: localhost/qbittorrent:1
          network: container:gluetun
      """;
}
