package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An env file of the file: the content it should have (rendered from literals and secret files) and the
 * content it has now (empty if missing).
 */
public record EnvFileFacts(Resolution<Redacted<byte[]>> desired, Optional<Redacted<byte[]>> current) {
  public EnvFileFacts {
    requireNonNull(desired, "desired is null");
    requireNonNull(current, "current is null");
  }
}
