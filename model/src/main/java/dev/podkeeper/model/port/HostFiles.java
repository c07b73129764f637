package dev.podkeeper.model.port;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's file system, as reconcile needs it. There is deliberately no delete: podkeeper never
 * deletes host directories or files. Implemented for real by the agent and in memory by {@code FakeHostFiles}.
 */
public interface HostFiles {

  /** Owner and mode of an existing path; empty if it does not exist. */
  Optional<PathAttributes> attributes(Path path) throws IOException;

  /** Creates a directory and any missing parents; each created one gets {@code owner} and {@code mode}. */
  void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException;

  void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException;

  /** Reads a whole file (secrets, env files). */
  byte[] read(Path path) throws IOException;

  /** Writes through a temporary file in the same directory and an atomic rename, with {@code mode}. */
  void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException;

  record PathAttributes(boolean directory, Ownership owner, FileMode mode) {}
}
