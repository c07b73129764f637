package dev.podkeeper.agent.host;

import dev.podkeeper.agent.host.PathWalk.Creation;
import dev.podkeeper.agent.host.PathWalk.Dir;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The host's file system as root sees it, acted on only through descriptors that {@link PathWalk} opened
 * without following links a non-root user could have planted: chown and chmod on the directory's own
 * descriptor, the temporary file of an atomic write created and renamed inside the parent's descriptor, reads
 * opened {@code O_NOFOLLOW|O_NONBLOCK} and bounded.
 *
 * <p>libc through JNA rather than java.nio's {@code SecureDirectoryStream}: that stream cannot create a
 * directory, its attribute view cannot set the setgid bit, and it offers no {@code O_NONBLOCK} open, so a
 * FIFO would block the reader. No delete, by design, but for a temporary file this class just created.
 */
public final class LocalHostFiles implements HostFiles {
  private static final int MAX_LINKS = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What {@link #writeAtomically} makes, for the transition check before it makes it. */
  private static final FileStat ROOT_FILE = new FileStat(FileStat.S_IFREG, 0, 0, 0600, 0);

  /** Loads libc on a thread of its own (JNA's native library takes tens of ms), not on the first pass's. */
  public LocalHostFiles() {
    Thread loader = new Thread(LocalHostFiles::loadLibc, "libc-load");
    loader.setDaemon(true);
    loader.start();
  }

  private static void loadLibc() {
    try {
      Libc.load();
    } catch (LinkageError | RuntimeException e) {
      // the first host path reports it, with the platform it needs
    }
  }

  @Override
  public Optional<PathAttributes> attributes(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    if (absolute.getParent() == null) {
      try (Dir root = PathWalk.directory(absolute, Optional.empty())) {
        return Optional.of(attributesOf(root.stat()));
      }
    }
    try (Dir parent = PathWalk.directory(absolute.getParent(), Optional.empty())) {
      FileStat found = Syscalls.statAt(parent.fd(), name(absolute), absolute);
      if (found.isSymlink()) {
        throw HostPathRefusedException.symlink(absolute);
      }
      PathWalk.checkTransition(parent.path(), parent.stat(), absolute, found);
      return Optional.of(attributesOf(found));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
    try (Dir created = PathWalk.directory(path, Optional.of(new Creation(owner, mode)))) {
      // opened, hence a directory reached safely
    }
  }

  /** Owner first: chown clears the setuid and setgid bits, which the mode may set. */
  @Override
  public void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
    try (Dir dir = PathWalk.directory(path, Optional.empty())) {
      Syscalls.chown(dir.fd(), owner.uid(), owner.gid(), dir.path());
      Syscalls.chmod(dir.fd(), mode.bits(), dir.path());
    }
  }

  @Override
  public byte[] read(Path path) throws IOException {
    return read(path.toAbsolutePath(), 0);
  }

  private byte[] read(Path path, int links) throws IOException {
    try (Dir parent = PathWalk.directory(parentOf(path), Optional.empty())) {
      String name = name(path);
      FileStat seen = Syscalls.statAt(parent.fd(), name, path);
      if (seen.isSymlink()) {
        if (!PathWalk.trusted(parent.stat(), seen) || links >= MAX_LINKS) {
          throw HostPathRefusedException.symlink(path);
        }
        return read(parent.path().resolve(Syscalls.readLinkAt(parent.fd(), name, path)).normalize(), links + 1);
      }
      checkReadable(parent, path, seen); // before opening: opening a device can do things of its own
      try (Fd fd = Syscalls.openAt(parent.fd(), name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, path)) {
        FileStat opened = Syscalls.stat(fd, path);
        checkReadable(parent, path, opened); // what was opened may not be what was looked at
        return BoundedRead.all(fd, opened.size(), path);
      }
    }
  }

  private static void checkReadable(Dir parent, Path path, FileStat file) throws HostPathRefusedException {
    PathWalk.checkTransition(parent.path(), parent.stat(), path, file);
    if (!file.isRegular()) {
      throw HostPathRefusedException.notRegular(path, file.kind());
    }
    if (file.size() > MAX_READ_BYTES) {
      throw HostPathRefusedException.tooLarge(path, file.size(), MAX_READ_BYTES);
    }
  }

  /**
   * Writes a temporary file beside the target, created 0600 and exclusively (never through a link), syncs
   * it, sets the mode, renames it over the target inside the same directory descriptor, then syncs the
   * directory so the rename survives a crash. Readers see the old content or the new, never a part. The
   * file is root's, so its directory must be too: whoever owns the directory could swap the file.
   */
  @Override
  public void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
    Path absolute = path.toAbsolutePath();
    try (Dir parent = PathWalk.directory(parentOf(absolute), Optional.empty())) {
      PathWalk.checkTransition(parent.path(), parent.stat(), absolute, ROOT_FILE);
      String name = name(absolute);
      refuseOverwriting(parent, name, absolute);
      String temp = "." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp";
      Path tempPath = parent.path().resolve(temp);
      try {
        try (Fd fd = Syscalls.openAt(parent.fd(), temp,
            Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, 0600, tempPath)) {
          Syscalls.writeAll(fd, content, tempPath);
          Syscalls.chmod(fd, mode.bits(), tempPath);
          Syscalls.fsync(fd, tempPath);
        }
        Syscalls.renameAt(parent.fd(), temp, name, absolute);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(parent, temp, tempPath);
        throw e;
      }
      Syscalls.fsync(parent.fd(), parent.path());
    }
  }

  /** A rename would replace a link (not write through it), but the file says a file lives there: report it. */
  private static void refuseOverwriting(Dir parent, String name, Path path) throws IOException {
    try {
      FileStat existing = Syscalls.statAt(parent.fd(), name, path);
      if (existing.isSymlink()) {
        throw HostPathRefusedException.symlink(path);
      }
      if (existing.isDirectory()) {
        throw new FileAlreadyExistsException(path.toString(), null, "is a directory");
      }
    } catch (NoSuchFileException e) {
      // written for the first time
    }
  }

  /** Only the temporary file this class created, in the directory it created it in. */
  private static void deleteQuietly(Dir parent, String temp, Path tempPath) {
    try {
      Syscalls.unlinkAt(parent.fd(), temp, tempPath);
    } catch (IOException e) {
      // not created, or already renamed
    }
  }

  private static PathAttributes attributesOf(FileStat stat) {
    return new PathAttributes(stat.isDirectory(), new Ownership(stat.uid(), stat.gid()), new FileMode(stat.mode()));
  }

  /** The directory a file lives in; {@code /} itself is no file. */
  private static Path parentOf(Path path) throws FileSystemException {
    if (path.getParent() == null) {
      throw new FileSystemException(path.toString(), null, "is the root directory, not a file");
    }
    return path.getParent();
  }

  private static String name(Path path) {
    return path.getFileName().toString();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
