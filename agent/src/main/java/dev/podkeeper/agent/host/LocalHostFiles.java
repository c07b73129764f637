package dev.podkeeper.agent.host;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The host's file system through java.nio's {@code unix:} attribute view, which speaks numeric uid, gid and
 * mode (the {@code posix:} view speaks user names and cannot set setgid or sticky bits). No delete, by design.
 */
public final class LocalHostFiles implements HostFiles {
  private static final int PERMISSION_BITS = 07777;

  @Override
  public Optional<PathAttributes> attributes(Path path) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(path, "unix:uid,gid,mode,isDirectory");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new PathAttributes((Boolean) a.get("isDirectory"),
        new Ownership((Integer) a.get("uid"), (Integer) a.get("gid")),
        new FileMode((Integer) a.get("mode") & PERMISSION_BITS)));
  }

  @Override
  public void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = path.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.push(p);
    }
    for (Path dir : missing) {
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(dir)) {
          throw e;
        }
        continue; // created meanwhile by someone else: theirs to own
      }
      setOwnerAndMode(dir, owner, mode);
    }
    if (!Files.isDirectory(path)) {
      throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a directory");
    }
  }

  /** Owner first: chown clears the setuid and setgid bits, which the mode may set. */
  @Override
  public void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
    Files.setAttribute(path, "unix:uid", owner.uid());
    Files.setAttribute(path, "unix:gid", owner.gid());
    Files.setAttribute(path, "unix:mode", mode.bits());
  }

  @Override
  public byte[] read(Path path) throws IOException {
    return Files.readAllBytes(path);
  }

  /**
   * Writes a temporary file beside the target, created 0600 so that no one can read it in between,
   * syncs it, sets the mode, renames it over the target, then syncs the directory so the rename survives
   * a crash. Readers see the old content or the new, never a part.
   */
  @Override
  public void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.setAttribute(temp, "unix:mode", mode.bits());
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp); // only our own temporary file, and only if the rename did not happen
    }
    syncDirectory(dir);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (AccessDeniedException e) {
      // Some file systems refuse to open a directory for sync; the rename is then as durable as they make it.
    }
  }
}
