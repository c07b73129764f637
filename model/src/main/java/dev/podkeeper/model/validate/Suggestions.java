package dev.podkeeper.model.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "did you mean ...": the known word closest to a misspelt one, if any is close enough. */
public final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean \"ports\"?)"}, or the empty string when nothing is close. */
  public static String didYouMean(String word, Collection<String> known) {
    return closest(word, known).map(s -> " (did you mean " + Quote.of(s) + "?)").orElse("");
  }

  /**
   * The candidate equal to {@code word} but for case, {@code _} and {@code -} ({@code depends_on} for
   * {@code dependsOn}); else the one within a few typos (transpositions count as one).
   */
  public static Optional<String> closest(String word, Collection<String> known) {
    String folded = fold(word);
    for (String candidate : known) {
      if (fold(candidate).equals(folded)) {
        return Optional.of(candidate);
      }
    }
    int allowed = Math.min(3, Math.max(1, word.length() / 3));
    String best = null;
    int bestDistance = allowed + 1;
    for (String candidate : known) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT), bestDistance);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String fold(String word) {
    return word.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Optimal string alignment distance; gives up (returns {@code limit}) beyond {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64 || b.length() > 64) {
      return limit;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return Math.min(d[a.length()][b.length()], limit);
  }
}
