package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import java.nio.file.Path;
import java.util.List;

/** Reads, parses and validates the desired-state file: the same code path as {@code podkeeper validate}. */
@FunctionalInterface
public interface DesiredStateLoader {

  /** Never throws for a bad or unreadable file: that is a {@link Rejected} with every problem. */
  Result load(Path file);

  sealed interface Result permits Loaded, Rejected {}

  record Loaded(DesiredState state) implements Result {
    public Loaded {
      requireNonNull(state, "state is null");
    }
  }

  /** @param problems one line each, {@code FILE:LINE:COLUMN: message [rule]} */
  record Rejected(List<String> problems) implements Result {
    public Rejected {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a rejected file needs at least one problem");
      }
    }
  }
}
