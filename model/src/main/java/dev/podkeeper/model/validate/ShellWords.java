package dev.podkeeper.model.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command} or {@code entrypoint} string into words the way a POSIX shell does: on
 * blanks, with single quotes (everything literal), double quotes (backslash escapes only
 * {@code $ ` " \} and newline) and backslashes outside quotes. No expansion of any kind.
 */
public final class ShellWords {
  private static final String DOUBLE_QUOTE_ESCAPES = "$`\"\\\n";

  private ShellWords() {}

  public static List<String> split(String key, String text) throws FormatException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int close = text.indexOf('\'', i + 1);
        if (close < 0) {
          throw unterminated(key, text);
        }
        word.append(text, i + 1, close);
        i = close;
      } else if (c == '"') {
        i = doubleQuoted(key, text, i + 1, word);
      } else if (c == '\\') {
        if (i + 1 == text.length()) {
          throw new FormatException(Rule.COMMAND_SYNTAX, key + " " + Quote.of(text) + " ends with a lone backslash");
        }
        char escaped = text.charAt(++i);
        if (escaped != '\n') { // backslash-newline continues the line
          word.append(escaped);
        }
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the quoted text starting at {@code start}; returns the index of the closing quote. */
  private static int doubleQuoted(String key, String text, int start, StringBuilder word) throws FormatException {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < text.length() && DOUBLE_QUOTE_ESCAPES.indexOf(text.charAt(i + 1)) >= 0) {
        c = text.charAt(++i);
        if (c == '\n') {
          continue;
        }
      }
      word.append(c);
    }
    throw unterminated(key, text);
  }

  private static FormatException unterminated(String key, String text) {
    return new FormatException(Rule.COMMAND_SYNTAX, key + " " + Quote.of(text) + " has an unterminated quote");
  }
}
