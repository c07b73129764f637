package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** One value of an env file: written as is, or read from a secret file at apply time. */
public sealed interface EnvValue {

  record Literal(String value) implements EnvValue {
    public Literal {
      requireNonNull(value, "value is null");
    }
  }

  /** The file's content with one trailing newline stripped. Never logged. */
  record FromFile(Path path) implements EnvValue {
    public FromFile {
      requireNonNull(path, "path is null");
    }
  }
}
