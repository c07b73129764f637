package dev.podkeeper.model.validate;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Host paths are absolute and written in normal form (no {@code .}, {@code ..}, {@code //} or trailing
 * {@code /}): the agent compares and creates them as written, and {@code ..} could climb out of the
 * directory a reader thinks the path is in. Checked on the text, before {@link Path} drops slashes.
 */
public final class HostPaths {
  /**
   * Directories of the system itself, which podkeeper must never create, chown or chmod: a typo or a
   * copied line ({@code path: /var}) would otherwise hand them to the stack's owner.
   */
  public static final Set<Path> SYSTEM_DIRECTORIES = Set.of("/", "/etc", "/usr", "/boot", "/proc", "/sys", "/dev",
      "/run", "/var", "/home").stream().map(Path::of).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private HostPaths() {}

  /** A directory podkeeper manages (creates, chowns, chmods): a host path, and not a system directory. */
  public static Path managedDirectory(String what, String text) throws FormatException {
    Path path = parse(what, text);
    if (SYSTEM_DIRECTORIES.contains(path)) {
      throw new FormatException(Rule.PATH_SYSTEM, what + " " + Quote.of(text) + " is a system directory, which"
          + " podkeeper does not manage (it would set its owner and mode); list a directory below it, such as "
          + Quote.of(text.equals("/") ? "/srv/" + "data" : text + "/data"));
    }
    return path;
  }

  /**
   * @param what how messages name the value, e.g. {@code fromFile} or {@code path}
   */
  public static Path parse(String what, String text) throws FormatException {
    if (!text.startsWith("/")) {
      throw new FormatException(Rule.PATH_ABSOLUTE, what + " " + Quote.of(text) + " is not an absolute path");
    }
    String normal = normalForm(text);
    if (!normal.equals(text)) {
      throw new FormatException(Rule.PATH_NORMALISED,
          what + " " + Quote.of(text) + " is not normalised; write " + Quote.of(normal));
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new FormatException(Rule.PATH_ABSOLUTE, what + " " + Quote.of(text) + " is not a valid path: " + e.getReason());
    }
  }

  /** An absolute path inside a container (only its own root applies there, so only this is checked). */
  public static String containerPath(String what, String text) throws FormatException {
    if (!text.startsWith("/")) {
      throw new FormatException(Rule.PATH_ABSOLUTE, what + " " + Quote.of(text) + " is not an absolute path");
    }
    return text;
  }

  /** The path with {@code .} and empty parts dropped and {@code ..} applied; {@code ..} stops at the root. */
  static String normalForm(String absolute) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : absolute.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
