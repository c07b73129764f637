package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small scalar forms of the format: owner, mode, size, CPUs, duration, whole number. Each reads
 * the text as written (never YAML's guess: an unquoted {@code 0750} is still mode 0750) and says how
 * to write it when it does not fit. Numbers that overflow are reported, never wrapped.
 */
public final class ValueSyntax {
  private static final Pattern OWNER = Pattern.compile("(\\d+):(\\d+)");
  private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
  private static final Pattern CPUS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern DURATION_PARTS = Pattern.compile("((\\d+)(ms|s|m|h))+");
  private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
  /** Podman (like Docker) refuses a memory limit below 6 MiB. */
  private static final long MIN_MEMORY = 6L << 20;
  private static final double MIN_CPUS = 0.01;
  /** Far above any host, and low enough that Podman's nano-CPUs (cpus * 1e9) fit in a long. */
  private static final double MAX_CPUS = 1_000_000;
  /** Durations become nanoseconds in the engine's API; a week is far more than any timeout needs. */
  private static final Duration MAX_DURATION = Duration.ofDays(7);

  private ValueSyntax() {}

  public static Ownership owner(String text) throws FormatException {
    Matcher m = OWNER.matcher(text);
    if (!m.matches()) {
      throw new FormatException(Rule.OWNER, "owner " + Quote.of(text) + " must be numeric uid:gid, e.g. \"1000:100\"");
    }
    long uid = m.group(1).length() > 10 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
    long gid = m.group(2).length() > 10 ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    if (uid > Integer.MAX_VALUE || gid > Integer.MAX_VALUE) {
      throw new FormatException(Rule.OWNER, "owner " + Quote.of(text) + " has a uid or gid above " + Integer.MAX_VALUE);
    }
    return new Ownership((int) uid, (int) gid);
  }

  public static FileMode mode(String text) throws FormatException {
    if (!MODE.matcher(text).matches()) {
      throw new FormatException(Rule.MODE, "mode " + Quote.of(text) + " is not an octal mode such as \"0755\"");
    }
    return new FileMode(Integer.parseInt(text, 8));
  }

  /** Bytes; {@code k}, {@code m}, {@code g} (either case) are binary multiples. */
  public static long memory(String text) throws FormatException {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new FormatException(Rule.MEMORY,
          "memory " + Quote.of(text) + " is not a size; write bytes or a number with k, m or g, e.g. 2g");
    }
    int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw new FormatException(Rule.MEMORY, "memory " + Quote.of(text) + " is too large");
    }
    if (bytes < MIN_MEMORY) {
      throw new FormatException(Rule.MEMORY, "memory " + Quote.of(text) + " is below Podman's minimum of 6m");
    }
    return bytes;
  }

  public static double cpus(String text) throws FormatException {
    if (!CPUS.matcher(text).matches()) {
      throw new FormatException(Rule.CPUS, "cpus " + Quote.of(text) + " is not a positive number such as 1.0");
    }
    double cpus = Double.parseDouble(text);
    if (cpus < MIN_CPUS) {
      throw new FormatException(Rule.CPUS, "cpus " + Quote.of(text) + " is below the minimum of 0.01");
    }
    if (cpus > MAX_CPUS) {
      throw new FormatException(Rule.CPUS, "cpus " + Quote.of(text) + " is too large");
    }
    return cpus;
  }

  /** A duration where no key names it (a command-line option's value). */
  public static Duration duration(String text) throws FormatException {
    return duration("duration", text);
  }

  /** @param key what the message names, e.g. {@code health.interval} */
  public static Duration duration(String key, String text) throws FormatException {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      Duration duration;
      try {
        duration = Duration.of(Long.parseLong(m.group(1)), unit(m.group(2)));
      } catch (ArithmeticException | NumberFormatException tooLarge) {
        duration = MAX_DURATION.plusMillis(1);
      }
      if (duration.compareTo(MAX_DURATION) > 0) {
        throw new FormatException(Rule.DURATION, key + " " + Quote.of(text) + " is longer than a week (168h)");
      }
      return duration;
    }
    String expected = key + " " + Quote.of(text) + " must be a whole number with one unit (ms, s, m, h)";
    if (WHOLE.matcher(text).matches()) {
      throw new FormatException(Rule.DURATION, expected + "; write " + text + "s");
    }
    String combined = combined(text);
    throw new FormatException(Rule.DURATION, expected + (combined == null ? ", e.g. 30s" : "; write " + combined));
  }

  /** For {@code 1m30s}: the same time in one unit ({@code 90s}), or null when the text is no such sum. */
  private static String combined(String text) {
    if (text.length() > 40 || !DURATION_PARTS.matcher(text).matches()) {
      return null;
    }
    long millis = 0;
    Matcher part = DURATION.matcher(text);
    try {
      while (part.find()) {
        millis = Math.addExact(millis, Duration.of(Long.parseLong(part.group(1)), unit(part.group(2))).toMillis());
      }
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      return null;
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static ChronoUnit unit(String unit) {
    return switch (unit) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      default -> ChronoUnit.HOURS;
    };
  }

  /** A whole number that is not negative, such as {@code retries}. */
  public static int wholeNumber(String key, String text) throws FormatException {
    if (!WHOLE.matcher(text).matches()) {
      throw new FormatException(Rule.VALUE_TYPE, key + " " + Quote.of(text) + " "
          + (text.matches("\\d+") ? "is too large" : "must be a whole number, e.g. 3"));
    }
    return Integer.parseInt(text);
  }
}
