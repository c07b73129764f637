package dev.podkeeper.agent.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls that java.nio does not offer in the form needed: those that act on directory file
 * descriptors ({@code mkdirat}, {@code fchmod} with setgid, {@code openat} of the next component with
 * {@code O_NOFOLLOW}), and those that watch processes end ({@code pidfd_open}, {@code poll}, {@code eventfd}).
 * Loaded on first use, so a command that never touches host paths or processes pays nothing.
 * Flag values are the Linux ones of x86_64 and aarch64 (the only two where they differ are listed per
 * architecture); {@code statx} is used because its struct has the same layout on every architecture.
 * Direct mapping (static natives bound by {@link Native#register}), several times faster per call than
 * JNA's interface proxies.
 */
final class Libc {
  static final int O_RDONLY = 0;
  static final int O_WRONLY = 01;
  static final int O_CREAT = 0100;
  static final int O_EXCL = 0200;
  static final int O_NONBLOCK = 04000;
  static final int O_CLOEXEC = 02000000;
  static final int O_DIRECTORY = Platform.isARM() ? 040000 : 0200000;
  static final int O_NOFOLLOW = Platform.isARM() ? 0100000 : 0400000;

  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_EMPTY_PATH = 0x1000;
  static final int STATX_BASIC_STATS = 0x7ff;

  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EEXIST = 17;

  /** The same number on x86_64 and aarch64: syscalls added since Linux 5.1 have one number everywhere. */
  static final long SYS_PIDFD_OPEN = 434;
  static final short POLLIN = 0x1;
  static final int EFD_CLOEXEC = 02000000;

  static {
    if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM()) || !Platform.is64Bit()) {
      throw new UnsupportedOperationException("host paths need Linux on x86_64 or aarch64, not "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
    Native.register("c");
  }

  private Libc() {}

  /** Loads the library now (class initialisation), so that the first host path does not wait for it. */
  static void load() {
    // the static initialiser has run
  }

  static native int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  static native int statx(int dirfd, String path, int flags, int mask, Pointer statx) throws LastErrorException;

  static native long readlinkat(int dirfd, String path, byte[] buffer, long size) throws LastErrorException;

  static native int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

  static native int fchown(int fd, int uid, int gid) throws LastErrorException;

  static native int fchmod(int fd, int mode) throws LastErrorException;

  static native int renameat(int olddirfd, String oldpath, int newdirfd, String newpath) throws LastErrorException;

  static native int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

  static native int fsync(int fd) throws LastErrorException;

  static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

  static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

  static native String strerror(int errno);

  /** {@code syscall(2)} with two arguments, for {@code pidfd_open(pid, flags)}: glibc wraps it only from 2.36 on. */
  static native long syscall(long number, long first, long second) throws LastErrorException;

  /** {@code fds}: {@code nfds} of {@code struct pollfd { int fd; short events; short revents; }}, 8 bytes each. */
  static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

  static native int eventfd(int initialValue, int flags) throws LastErrorException;
}
