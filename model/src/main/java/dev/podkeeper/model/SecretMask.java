package dev.podkeeper.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Masks secret values in a text that is about to become an error message or a log line: the one rule both the
 * engine adapter (for the env it sends) and the executor (for every value read from a secret or env file)
 * apply. Every non-empty value is masked, however short: a garbled message can be read again, a leaked
 * secret cannot be taken back. Longest first, so that a value containing another is masked whole.
 */
public final class SecretMask {
  public static final String MASK = "***";
  private final List<String> values;

  public SecretMask(Collection<String> values) {
    this.values = values.stream().filter(Objects::nonNull).filter(v -> !v.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public String mask(String text) {
    String masked = text;
    for (String value : values) {
      masked = masked.replace(value, MASK);
    }
    return masked;
  }

  @Override
  public String toString() {
    return "SecretMask[" + values.size() + " values]"; // never the values themselves
  }
}
