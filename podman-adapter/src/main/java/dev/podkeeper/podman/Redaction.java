package dev.podkeeper.podman;

import java.util.Collection;
import java.util.Comparator;

/** Masks values that may be secrets (env values) in text that is about to become an error message. */
final class Redaction {
  /** Shorter values are too likely to be ordinary words or numbers to mask without garbling the text. */
  static final int MIN_LENGTH = 4;

  private Redaction() {}

  static String mask(String text, Collection<String> secrets) {
    String masked = text;
    // Longest first, so that a value containing another is masked whole.
    for (String s : secrets.stream().filter(v -> v != null && v.length() >= MIN_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      masked = masked.replace(s, "***");
    }
    return masked;
  }
}
