package dev.podkeeper.model.validate;

import static dev.podkeeper.model.validate.ValueSyntaxTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void splitsOnBlanksLikeAShell() throws FormatException {
    assertThat(split("  a\tb\n c  ")).containsExactly("a", "b", "c");
    assertThat(split("")).isEmpty();
    assertThat(split("   ")).isEmpty();
  }

  @Test
  void singleQuotesKeepEverything() throws FormatException {
    assertThat(split("sh -c 'echo \"$HOME\" \\n'")).containsExactly("sh", "-c", "echo \"$HOME\" \\n");
  }

  @Test
  void doubleQuotesEscapeOnlyTheirSpecials() throws FormatException {
    assertThat(split("\"a \\\"b\\\" \\$c \\\\ \\n\"")).containsExactly("a \"b\" $c \\ \\n");
  }

  @Test
  void quotesJoinAdjacentTextAndMayBeEmpty() throws FormatException {
    assertThat(split("--name=\"my server\" '' x\"\"y")).containsExactly("--name=my server", "", "xy");
  }

  @Test
  void backslashEscapesOutsideQuotesAndContinuesLines() throws FormatException {
    assertThat(split("it\\'s a\\ b c\\\nd")).containsExactly("it's", "a b", "cd");
  }

  @Test
  void unbalancedInputIsAnError() {
    assertFails(() -> ShellWords.split("command", "sh -c 'echo hi"), Rule.COMMAND_SYNTAX,
        "command \"sh -c 'echo hi\" has an unterminated quote");
    assertFails(() -> ShellWords.split("entrypoint", "\"a"), Rule.COMMAND_SYNTAX, "entrypoint \"\"a\" has an unterminated quote");
    assertFails(() -> ShellWords.split("command", "a \\"), Rule.COMMAND_SYNTAX, "ends with a lone backslash");
  }

  private static List<String> split(String text) throws FormatException {
    return ShellWords.split("command", text);
  }
}
