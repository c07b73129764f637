package dev.podkeeper.agent.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --adopt NAME} (repeatable), for the commands that change containers or preview that. */
public final class AdoptOption {
  @Option(names = "--adopt", paramLabel = "NAME",
      description = "Replace the unmanaged container of this name (one without podkeeper's labels) by the declared "
          + "one: stopped, removed, created with podkeeper's labels (repeatable; volumes and host directories stay). "
          + "A container of another podkeeper stack is never adopted.")
  List<String> names = List.of();
}
