package dev.podkeeper.agent.lock;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per stack, host-wide: {@code run} holds {@code DIR/<stack>.lock} for its life, {@code apply}
 * for its pass. A lock on an open file (fcntl), so the kernel lets it go when its process dies, however it
 * dies: a lock file left behind is never stale and is never deleted. The file holds the pid of its holder,
 * for messages. The directory must be ours and writable by no one else (a lock another user can replace
 * locks nothing); the file is opened without following links, created 0600.
 */
public final class StackLock implements AutoCloseable {
  /**
   * Paths this process holds. Closing any channel on a file drops the process's fcntl locks on it, so a
   * second attempt from this process must not open the file at all (tests run agent and apply in one JVM).
   */
  private static final Map<Path, StackLock> HELD = new ConcurrentHashMap<>();
  private static final Set<PosixFilePermission> FOREIGN_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** {@code DIR/<stack>.lock}; stack names ({@code [a-z0-9][a-z0-9-]*}) are safe file names. */
  public static Path path(Path directory, String stack) {
    return directory.toAbsolutePath().normalize().resolve(requireNonNull(stack, "stack is null") + ".lock");
  }

  /** The lock, or empty when another process (or this one) holds it. */
  public static Optional<StackLock> tryAcquire(Path directory, String stack) throws IOException {
    Path path = path(directory, stack);
    if (HELD.containsKey(path)) {
      return Optional.empty();
    }
    prepareDirectory(path.getParent());
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      checkOurs(path, false); // before opening: opening a FIFO would block
    }
    FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      checkOurs(path, false);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      StackLock held = new StackLock(path, channel, lock);
      HELD.put(path, held);
      channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(US_ASCII)), 0);
      return Optional.of(held);
    } catch (OverlappingFileLockException e) {
      channel.close();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The pid written by the holder, if the file says one; for messages only, it may be out of date. */
  public static Optional<Long> holder(Path directory, String stack) {
    Path path = path(directory, stack);
    try {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) > 32) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(Files.readString(path, US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Path path() {
    return path;
  }

  /** Releases the lock; the file stays (deleting it would let two writers lock two different files). */
  @Override
  public void close() throws IOException {
    if (HELD.remove(path, this)) {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  private static void prepareDirectory(Path directory) throws IOException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    checkOurs(directory, true);
  }

  /** Owned by this process's user, not a link, and (for the directory) writable by no one else. */
  private static void checkOurs(Path path, boolean directory) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int us = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    String kind = directory ? "directory" : "regular file";
    boolean rightKind = directory ? attributes.isDirectory() : attributes.isRegularFile();
    if (!rightKind || owner != us
        || directory && attributes.permissions().stream().anyMatch(FOREIGN_WRITE::contains)) {
      throw new IOException("refusing the stack lock " + path + ": it must be a " + kind + " owned by uid " + us
          + (directory ? " and writable by no one else" : "") + " (it is " + describe(attributes, owner)
          + "); remove it or pass another --status-socket directory");
    }
  }

  private static String describe(PosixFileAttributes attributes, int owner) {
    String kind = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isDirectory() ? "a directory"
        : attributes.isRegularFile() ? "a regular file" : "a special file";
    return kind + " of uid " + owner + ", mode " + PosixFilePermissions.toString(attributes.permissions());
  }
}
