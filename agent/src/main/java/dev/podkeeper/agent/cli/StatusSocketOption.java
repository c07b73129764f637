package dev.podkeeper.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --status-socket}: where {@code run} serves its status and where {@code status} and {@code apply} ask
 * for it; the stacks' locks ({@code <stack>.lock}) live in its directory.
 */
final class StatusSocketOption {
  @Option(names = "--status-socket", paramLabel = "PATH", defaultValue = "/run/podkeeper/status.sock",
      description = "The unix socket through which the running agent answers `podkeeper status`. "
          + "Its directory holds the stacks' locks (<stack>.lock). Default: ${DEFAULT-VALUE}.")
  Path path;
}
