package dev.podkeeper.model.port;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A host path podkeeper will not act on, because a non-root user could have steered it (a symbolic link,
 * a directory another user owns on the way) or because reading it could hang or exhaust memory (a FIFO,
 * a device, a huge file). The object is left alone; the message says which path, what was found and what
 * to do. It never holds file content.
 */
public final class HostPathRefusedException extends IOException {
  private HostPathRefusedException(String message) {
    super(message);
  }

  public static HostPathRefusedException symlink(Path link) {
    return new HostPathRefusedException(link + " is a symbolic link, which podkeeper does not follow where a"
        + " non-root user could have planted it; replace it with the directory or file itself, or name the"
        + " link's target in the file");
  }

  /**
   * The rule of systemd-tmpfiles: below a directory owned by a non-root user, everything must belong to
   * that same user, or the user could swap in something of someone else's (root's) for podkeeper to act on.
   */
  public static HostPathRefusedException unsafeTransition(Path parent, int parentUid, Path child, int childUid) {
    return new HostPathRefusedException(child + " (owner " + childUid + ") sits in " + parent + ", which user "
        + parentUid + " owns and could swap it; podkeeper refuses this unsafe path transition. Give " + parent
        + " to root (chown 0:0), or " + child + " to user " + parentUid);
  }

  public static HostPathRefusedException notRegular(Path path, String found) {
    return new HostPathRefusedException(path + " is " + found + ", not a regular file; podkeeper reads only"
        + " regular files (a FIFO or device could block or never end). Point the file at a regular file");
  }

  public static HostPathRefusedException tooLarge(Path path, long size, long limit) {
    return new HostPathRefusedException(path + " is " + size + " bytes; podkeeper reads secret and env files"
        + " of at most " + limit + " bytes. Point the file at the right file");
  }
}
