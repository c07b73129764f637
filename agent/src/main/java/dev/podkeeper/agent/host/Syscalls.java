package dev.podkeeper.agent.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link Libc} with java.nio's exceptions: every failure names the path it was about and the kernel's words,
 * so that callers and messages read as the rest of the agent's file errors do.
 */
final class Syscalls {
  private static final int EACCES = 13;
  private static final int EPERM = 1;
  private static final int PATH_MAX = 4096;

  private Syscalls() {}

  static Fd openAt(Fd dir, String name, int flags, int mode, Path path) throws IOException {
    try {
      return new Fd(Libc.openat(dir.number(), name, flags | Libc.O_CLOEXEC, mode));
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static Fd openRoot() throws IOException {
    try {
      return new Fd(Libc.openat(-100, "/", Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
    } catch (LastErrorException e) {
      throw error(e, Path.of("/"));
    }
  }

  /** The entry {@code name} in {@code dir} itself, a link not followed. */
  static FileStat statAt(Fd dir, String name, Path path) throws IOException {
    Memory buffer = FileStat.buffer();
    try {
      Libc.statx(dir.number(), name, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, buffer);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
    return FileStat.from(buffer);
  }

  static FileStat stat(Fd fd, Path path) throws IOException {
    Memory buffer = FileStat.buffer();
    try {
      Libc.statx(fd.number(), "", Libc.AT_EMPTY_PATH | Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, buffer);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
    return FileStat.from(buffer);
  }

  static String readLinkAt(Fd dir, String name, Path path) throws IOException {
    byte[] buffer = new byte[PATH_MAX];
    try {
      long n = Libc.readlinkat(dir.number(), name, buffer, buffer.length);
      return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void mkdirAt(Fd dir, String name, Path path) throws IOException {
    try {
      Libc.mkdirat(dir.number(), name, 0700); // owner and mode are set on the new directory's own fd
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void chown(Fd fd, int uid, int gid, Path path) throws IOException {
    try {
      Libc.fchown(fd.number(), uid, gid);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void chmod(Fd fd, int mode, Path path) throws IOException {
    try {
      Libc.fchmod(fd.number(), mode);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void renameAt(Fd dir, String from, String to, Path path) throws IOException {
    try {
      Libc.renameat(dir.number(), from, dir.number(), to);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void unlinkAt(Fd dir, String name, Path path) throws IOException {
    try {
      Libc.unlinkat(dir.number(), name, 0);
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void fsync(Fd fd, Path path) throws IOException {
    try {
      Libc.fsync(fd.number());
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  /** Up to {@code buffer.length - offset} bytes; 0 at the end. */
  static int read(Fd fd, byte[] buffer, int offset, Path path) throws IOException {
    byte[] chunk = offset == 0 ? buffer : new byte[buffer.length - offset];
    try {
      int n = (int) Libc.read(fd.number(), chunk, chunk.length);
      if (chunk != buffer) {
        System.arraycopy(chunk, 0, buffer, offset, n);
      }
      return n;
    } catch (LastErrorException e) {
      throw error(e, path);
    }
  }

  static void writeAll(Fd fd, byte[] content, Path path) throws IOException {
    int done = 0;
    while (done < content.length) {
      byte[] rest = done == 0 ? content : Arrays.copyOfRange(content, done, content.length);
      try {
        done += (int) Libc.write(fd.number(), rest, rest.length);
      } catch (LastErrorException e) {
        throw error(e, path);
      }
    }
  }

  static IOException error(LastErrorException e, Path path) {
    int errno = e.getErrorCode();
    String words = Libc.strerror(errno);
    return switch (errno) {
      case Libc.ENOENT -> new NoSuchFileException(path.toString());
      case Libc.EEXIST -> new FileAlreadyExistsException(path.toString());
      case EACCES, EPERM -> new AccessDeniedException(path.toString(), null, words);
      default -> new FileSystemException(path.toString(), null, words);
    };
  }
}
