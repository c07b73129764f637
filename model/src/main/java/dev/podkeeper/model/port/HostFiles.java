package dev.podkeeper.model.port;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's file system, as reconcile needs it, walked as root must walk paths that other users can write
 * (systemd-tmpfiles' rule): every method refuses with a {@link HostPathRefusedException}, changing nothing,
 * when the path is a symbolic link, passes through a link a non-root user could have planted, or passes
 * from a directory owned by a non-root user to something owned by anyone else (an unsafe transition).
 * There is deliberately no delete: podkeeper never deletes host directories or files. Implemented for real
 * by the agent and in memory by {@code FakeHostFiles}; {@code HostFilesContract} holds both to the same rules.
 */
public interface HostFiles {
  /** The most {@link #read} returns: secrets and env files are small, and a huge file must not fill the heap. */
  int MAX_READ_BYTES = 1024 * 1024;

  /** Owner and mode of an existing path (a link is refused, not followed); empty if it does not exist. */
  Optional<PathAttributes> attributes(Path path) throws IOException;

  /**
   * Creates a directory and any missing parents; each created one gets {@code owner} and {@code mode}.
   * An existing path that is not a directory is a {@link java.nio.file.FileAlreadyExistsException}.
   */
  void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException;

  /** Of an existing directory itself, never below it. */
  void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException;

  /**
   * Reads a whole regular file (secrets, env files) of at most {@link #MAX_READ_BYTES}; anything else
   * (a FIFO, a device, a larger file) is refused without blocking.
   */
  byte[] read(Path path) throws IOException;

  /**
   * Writes root's file through a temporary file in the same directory and an atomic rename, with
   * {@code mode}. The directory must be root's: a file of root's below another user's directory is an
   * unsafe transition.
   */
  void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException;

  record PathAttributes(boolean directory, Ownership owner, FileMode mode) {}
}
