package dev.podkeeper.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --status-socket}: where {@code run} serves its status and where {@code status} asks for it. */
final class StatusSocketOption {
  @Option(names = "--status-socket", paramLabel = "PATH", defaultValue = "/run/podkeeper/status.sock",
      description = "The unix socket through which the running agent answers `podkeeper status`. "
          + "Default: ${DEFAULT-VALUE}.")
  Path path;
}
