package dev.podkeeper.agent.host;

import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads an open regular file whole, never more than {@link HostFiles#MAX_READ_BYTES} (a file may grow). */
final class BoundedRead {
  private BoundedRead() {}

  static byte[] all(Fd fd, long statedSize, Path path) throws IOException {
    byte[] buffer = new byte[(int) Math.min(statedSize, HostFiles.MAX_READ_BYTES) + 1];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length > HostFiles.MAX_READ_BYTES) {
          throw HostPathRefusedException.tooLarge(path, length, HostFiles.MAX_READ_BYTES);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(HostFiles.MAX_READ_BYTES + 1L, buffer.length * 2L));
      }
      int n = Syscalls.read(fd, buffer, length, path);
      if (n == 0) {
        return Arrays.copyOf(buffer, length);
      }
      length += n;
    }
  }
}
