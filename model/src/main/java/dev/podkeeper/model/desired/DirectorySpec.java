package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A host directory that must exist. An owner or mode given here is enforced on the directory itself;
 * when absent, the defaults apply only when podkeeper creates it.
 */
public record DirectorySpec(Path path, Optional<Ownership> owner, Optional<FileMode> mode) {
  public DirectorySpec {
    requireNonNull(path, "path is null");
    requireNonNull(owner, "owner is null");
    requireNonNull(mode, "mode is null");
  }
}
