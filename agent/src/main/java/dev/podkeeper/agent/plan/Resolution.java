package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A value read from the host before planning, or why it could not be (e.g. a missing secret file). */
public record Resolution<T>(Optional<T> value, Optional<String> problem) {
  public Resolution {
    requireNonNull(value, "value is null");
    requireNonNull(problem, "problem is null");
    if (value.isPresent() == problem.isPresent()) {
      throw new IllegalArgumentException("a resolution has either a value or a problem");
    }
  }

  public static <T> Resolution<T> of(T value) {
    return new Resolution<>(Optional.of(value), Optional.empty());
  }

  public static <T> Resolution<T> failed(String problem) {
    return new Resolution<>(Optional.empty(), Optional.of(problem));
  }

  public boolean resolved() {
    return value.isPresent();
  }
}
