package dev.podkeeper.agent.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls that act on directory file descriptors, which java.nio does not offer in the form
 * needed: {@code mkdirat}, {@code fchmod} with setgid, {@code openat} of the next component with
 * {@code O_NOFOLLOW}. Loaded on first use, so a command that never touches host paths pays nothing.
 * Flag values are the Linux ones of x86_64 and aarch64 (the only two where they differ are listed per
 * architecture); {@code statx} is used because its struct has the same layout on every architecture.
 */
interface Libc extends Library {
  int O_RDONLY = 0;
  int O_WRONLY = 01;
  int O_CREAT = 0100;
  int O_EXCL = 0200;
  int O_NONBLOCK = 04000;
  int O_CLOEXEC = 02000000;
  int O_DIRECTORY = Platform.isARM() ? 040000 : 0200000;
  int O_NOFOLLOW = Platform.isARM() ? 0100000 : 0400000;

  int AT_SYMLINK_NOFOLLOW = 0x100;
  int AT_EMPTY_PATH = 0x1000;
  int STATX_BASIC_STATS = 0x7ff;

  int ENOENT = 2;
  int EEXIST = 17;
  int ENOTDIR = 20;
  int ELOOP = 40;

  static Libc get() {
    return Holder.LIBC;
  }

  int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int statx(int dirfd, String path, int flags, int mask, Pointer statx) throws LastErrorException;

  long readlinkat(int dirfd, String path, byte[] buffer, long size) throws LastErrorException;

  int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

  int fchown(int fd, int uid, int gid) throws LastErrorException;

  int fchmod(int fd, int mode) throws LastErrorException;

  int renameat(int olddirfd, String oldpath, int newdirfd, String newpath) throws LastErrorException;

  int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

  int fsync(int fd) throws LastErrorException;

  long read(int fd, byte[] buffer, long count) throws LastErrorException;

  long write(int fd, byte[] buffer, long count) throws LastErrorException;

  String strerror(int errno);

  /** Initialised when first asked for. */
  final class Holder {
    private static final Libc LIBC = load();

    private Holder() {}

    private static Libc load() {
      if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM()) || !Platform.is64Bit()) {
        throw new UnsupportedOperationException("host paths need Linux on x86_64 or aarch64, not "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      }
      return Native.load("c", Libc.class);
    }
  }
}
