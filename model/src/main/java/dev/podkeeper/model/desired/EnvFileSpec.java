package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/** An env file podkeeper writes; values are literals or the contents of secret files. */
public record EnvFileSpec(String name, Path path, FileMode mode, Map<String, EnvValue> values) {
  public EnvFileSpec {
    requireNonNull(name, "name is null");
    requireNonNull(path, "path is null");
    requireNonNull(mode, "mode is null");
    values = Collections2.orderedCopy(values);
  }
}
