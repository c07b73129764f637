package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value that may hold secrets (merged env, env file content). Its {@code toString} never shows it, so it
 * cannot leak through a record's {@code toString}, a log line or an exception message by accident.
 */
public final class Redacted<T> {
  private final T value;

  private Redacted(T value) {
    this.value = requireNonNull(value, "value is null");
  }

  public static <T> Redacted<T> of(T value) {
    return new Redacted<>(value);
  }

  /** The value itself: only for the engine or the file it is meant for. */
  public T reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Redacted<?> other && Objects.deepEquals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {value});
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
