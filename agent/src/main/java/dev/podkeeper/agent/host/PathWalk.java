package dev.podkeeper.agent.host;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Opens a directory the way systemd-tmpfiles' {@code chase()} walks a path: from {@code /}, one component at
 * a time, each opened with {@code O_NOFOLLOW|O_DIRECTORY} relative to the previous one's descriptor, so that
 * what is checked is what is then acted on (nothing can be swapped in between). Refused on the way:
 * <ul>
 *   <li>a symbolic link, unless root owns both it and its directory and no one else can write that
 *       directory (such links, like {@code /var/run -> /run}, no other user can have planted);
 *   <li>a link as the last component, always: podkeeper acts on directories and files, never through links;
 *   <li>an unsafe transition: a directory owned by a non-root user holding something owned by anyone else.
 * </ul>
 * With a {@link Creation}, missing components are made with {@code mkdirat} and given their owner and mode on
 * their own descriptor.
 */
final class PathWalk {
  private static final int MAX_LINKS = 32;

  /** Owner and mode for directories the walk creates. */
  record Creation(Ownership owner, FileMode mode) {}

  /** An open directory, its attributes when opened, and the path it was reached by (links resolved). */
  record Dir(Fd fd, FileStat stat, Path path) implements AutoCloseable {
    @Override
    public void close() {
      fd.close();
    }
  }

  private PathWalk() {}

  static Dir directory(Path path, Optional<Creation> create) throws IOException {
    Deque<String> todo = components(path);
    Fd fd = Syscalls.openRoot();
    try {
      FileStat stat = Syscalls.stat(fd, Path.of("/"));
      Path at = Path.of("/");
      int links = 0;
      while (!todo.isEmpty()) {
        String name = todo.pop();
        Path child = at.resolve(name);
        Fd next;
        try {
          next = Syscalls.openAt(fd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, child);
        } catch (NoSuchFileException e) {
          if (create.isEmpty()) {
            throw e;
          }
          next = made(fd, stat, at, name, create.get());
        } catch (FileSystemException e) {
          FileStat found = Syscalls.statAt(fd, name, child);
          if (found.isDirectory()) {
            throw e; // not ELOOP or ENOTDIR: the kernel's own reason (EACCES, ...)
          }
          if (!found.isSymlink()) {
            throw create.isPresent()
                ? new FileAlreadyExistsException(child.toString(), null, "exists and is " + found.kind() + ", not a directory")
                : new FileSystemException(child.toString(), null, "is " + found.kind() + ", not a directory");
          }
          if (todo.isEmpty() || !trusted(stat, found)) {
            throw HostPathRefusedException.symlink(child);
          }
          if (++links > MAX_LINKS) {
            throw new FileSystemException(path.toString(), null, "more than " + MAX_LINKS + " symbolic links");
          }
          Path target = at.resolve(Syscalls.readLinkAt(fd, name, child)).normalize();
          Deque<String> rest = components(target);
          rest.addAll(todo);
          todo = rest;
          fd.close();
          fd = Syscalls.openRoot();
          stat = Syscalls.stat(fd, Path.of("/"));
          at = Path.of("/");
          continue;
        }
        FileStat nextStat;
        try {
          nextStat = Syscalls.stat(next, child);
          checkTransition(at, stat, child, nextStat);
        } catch (IOException e) {
          next.close();
          throw e;
        }
        fd.close();
        fd = next;
        stat = nextStat;
        at = child;
      }
      return new Dir(fd, stat, at);
    } catch (IOException | RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  static void checkTransition(Path parent, FileStat parentStat, Path child, FileStat childStat)
      throws HostPathRefusedException {
    if (parentStat.uid() != 0 && parentStat.uid() != childStat.uid()) {
      throw HostPathRefusedException.unsafeTransition(parent, parentStat.uid(), child, childStat.uid());
    }
  }

  /** A link that only root can have made, in a directory only root can change. */
  static boolean trusted(FileStat directory, FileStat link) {
    return directory.uid() == 0 && (directory.mode() & 022) == 0 && link.uid() == 0;
  }

  /** Creates {@code name} (unless someone just did) and opens it; only a directory made here is chowned. */
  private static Fd made(Fd dir, FileStat dirStat, Path at, String name, Creation create) throws IOException {
    Path child = at.resolve(name);
    if (dirStat.uid() != 0 && dirStat.uid() != create.owner().uid()) {
      throw HostPathRefusedException.unsafeTransition(at, dirStat.uid(), child, create.owner().uid());
    }
    boolean mine = true;
    try {
      Syscalls.mkdirAt(dir, name, child);
    } catch (FileAlreadyExistsException raced) {
      mine = false; // created meanwhile by someone else: theirs to own, and checked as any other
    }
    Fd fd = Syscalls.openAt(dir, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, child);
    if (mine) {
      try {
        // Owner first: chown clears the setuid and setgid bits, which the mode may set.
        Syscalls.chown(fd, create.owner().uid(), create.owner().gid(), child);
        Syscalls.chmod(fd, create.mode().bits(), child);
      } catch (IOException e) {
        fd.close();
        throw e;
      }
    }
    return fd;
  }

  private static Deque<String> components(Path path) {
    Deque<String> parts = new ArrayDeque<>();
    for (Path part : path.toAbsolutePath()) {
      parts.add(part.toString());
    }
    return parts;
  }
}
