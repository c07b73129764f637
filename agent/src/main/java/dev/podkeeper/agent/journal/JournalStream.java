package dev.podkeeper.agent.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a standard stream of this process goes to the journal. systemd sets {@code JOURNAL_STREAM} to the
 * device and inode ({@code dev:ino}) of the stream it connected; comparing them with the stream's own, as
 * sd_journal_stream_fd(3) advises, tells a journal stream from a redirection that merely inherited the
 * variable ({@code podkeeper apply > file} in a shell started by a unit).
 */
public final class JournalStream {
  private JournalStream() {}

  /** @param fd 1 for stdout, 2 for stderr */
  public static boolean connects(int fd, Map<String, String> env) {
    String stream = env.get("JOURNAL_STREAM");
    return stream != null && stream.equals(identity(Path.of("/proc/self/fd/" + fd)));
  }

  /** {@code dev:ino} of what {@code file} is (a /proc fd link is followed to its socket or pipe), or "" if unknown. */
  static String identity(Path file) {
    try {
      Map<String, Object> stat = Files.readAttributes(file, "unix:dev,ino");
      return Long.toUnsignedString((Long) stat.get("dev")) + ":" + Long.toUnsignedString((Long) stat.get("ino"));
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
