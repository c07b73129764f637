package dev.podkeeper.agent.host;

import com.sun.jna.Memory;

/** What {@code statx} says of one file, without following a link. Offsets are those of struct statx. */
record FileStat(int type, int uid, int gid, int mode, long size) {
  static final int S_IFMT = 0170000;
  static final int S_IFDIR = 0040000;
  static final int S_IFREG = 0100000;
  static final int S_IFLNK = 0120000;
  static final int S_IFIFO = 0010000;
  static final int S_IFCHR = 0020000;
  static final int S_IFBLK = 0060000;
  static final int S_IFSOCK = 0140000;
  private static final int STATX_SIZE = 256;

  static FileStat from(Memory statx) {
    int mode = statx.getShort(28) & 0xffff;
    return new FileStat(mode & S_IFMT, statx.getInt(20), statx.getInt(24), mode & 07777, statx.getLong(40));
  }

  static Memory buffer() {
    return new Memory(STATX_SIZE);
  }

  boolean isDirectory() {
    return type == S_IFDIR;
  }

  boolean isSymlink() {
    return type == S_IFLNK;
  }

  boolean isRegular() {
    return type == S_IFREG;
  }

  /** Words for a message: "a FIFO", "a character device", ... */
  String kind() {
    return switch (type) {
      case S_IFDIR -> "a directory";
      case S_IFREG -> "a regular file";
      case S_IFLNK -> "a symbolic link";
      case S_IFIFO -> "a FIFO";
      case S_IFCHR -> "a character device";
      case S_IFBLK -> "a block device";
      case S_IFSOCK -> "a socket";
      default -> "a file of unknown type";
    };
  }
}
