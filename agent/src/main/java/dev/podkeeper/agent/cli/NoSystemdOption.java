package dev.podkeeper.agent.cli;

import picocli.CommandLine.Option;

/** {@code --no-systemd}: plan, apply, run and status on a host without systemd (spec section 9). */
final class NoSystemdOption {
  @Option(names = "--no-systemd",
      description = "A trial on a host without systemd: units are not checked, requiresUnits do not block, "
          + "and no D-Bus connection is made.")
  boolean noSystemd;
}
