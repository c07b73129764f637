package dev.podkeeper.agent.observe;

import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What a failed look at a host path says, for a person: only a path that is not there is "missing"; EACCES is
 * a permission problem and ELOOP (a link where podkeeper does not follow links) a symbolic link, each with
 * its own fix.
 */
public final class IoWords {
  private IoWords() {}

  /** E.g. "is missing", "permission denied", "is a symbolic link". */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "is missing";
    }
    if (e instanceof HostPathRefusedException) {
      return "is refused: " + e.getMessage(); // it names what was found and the fix, never content
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "";
    String lower = reason.toLowerCase(Locale.ROOT);
    if (e instanceof FileSystemLoopException || lower.contains("symbolic link")) {
      return "is a symbolic link";
    }
    if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
      return "has a part that is not a directory";
    }
    if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
      return "permission denied";
    }
    return "cannot be read (" + e.getClass().getSimpleName() + (reason.isEmpty() ? "" : ": " + reason) + ")";
  }
}
