package dev.podkeeper.model.validate;

/**
 * File text as messages show it: quoted, and cut short when long. A value can be megabytes long and,
 * through aliases, appear in thousands of problems; the messages must stay small whatever the file.
 */
public final class Quote {
  /** Long enough for any real value (image references, paths, commands); shorter ones are shown whole. */
  private static final int SHOWN = 80;

  private Quote() {}

  /** {@code "text"}, or {@code "first 80 characters…" (65536 characters)}. */
  public static String of(String text) {
    return text.length() <= SHOWN ? '"' + text + '"' : '"' + cut(text) + "…\" (" + text.length() + " characters)";
  }

  /** The text unquoted, cut short the same way, for names and values messages show bare. */
  public static String bare(String text) {
    return text.length() <= SHOWN ? text : cut(text) + "… (" + text.length() + " characters)";
  }

  /** Never between the two halves of a surrogate pair. */
  private static String cut(String text) {
    int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
    return text.substring(0, end);
  }
}
