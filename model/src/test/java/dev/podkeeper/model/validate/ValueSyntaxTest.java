package dev.podkeeper.model.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {

  @Test
  void ownersAreNumericPairs() throws FormatException {
    assertThat(ValueSyntax.owner("0:0")).isEqualTo(new Ownership(0, 0));
    assertThat(ValueSyntax.owner("1000:100")).isEqualTo(new Ownership(1000, 100));
    assertThat(ValueSyntax.owner("2147483647:1")).isEqualTo(new Ownership(Integer.MAX_VALUE, 1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      eric:users       | must be numeric uid:gid
      1000             | must be numeric uid:gid
      -1:0             | must be numeric uid:gid
      1000:            | must be numeric uid:gid
      2147483648:0     | has a uid or gid above 2147483647
      0:99999999999999999999999 | has a uid or gid above 2147483647
      """)
  void ownersThatAreNot(String text, String words) {
    assertFails(() -> ValueSyntax.owner(text), Rule.OWNER, "owner \"" + text + "\" " + words);
  }

  @ParameterizedTest
  @CsvSource({"0755, 493", "755, 493", "0600, 384", "7777, 4095", "000, 0"})
  void modesAreOctal(String text, int bits) throws FormatException {
    assertThat(ValueSyntax.mode(text)).isEqualTo(new FileMode(bits));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0789", "75", "07555", "rwxr-x---", "493", "0x1ed", ""})
  void modesThatAreNot(String text) {
    assertFails(() -> ValueSyntax.mode(text), Rule.MODE, "mode \"" + text + "\" is not an octal mode such as \"0755\"");
  }

  @ParameterizedTest
  @CsvSource({"2g, 2147483648", "2G, 2147483648", "512m, 536870912", "6m, 6291456", "6144k, 6291456",
      "1073741824, 1073741824", "8388607g, 9007198180999168"})
  void memoryIsBinary(String text, long bytes) throws FormatException {
    assertThat(ValueSyntax.memory(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2GB                   | is not a size; write bytes or a number with k, m or g, e.g. 2g
      1.5g                  | is not a size
      -1                    | is not a size
      2 g                   | is not a size
      9999999999999g        | is too large
      99999999999999999999  | is too large
      1m                    | is below Podman's minimum of 6m
      """)
  void memoryThatIsNot(String text, String words) {
    assertFails(() -> ValueSyntax.memory(text), Rule.MEMORY, "memory \"" + text + "\" " + words);
  }

  @ParameterizedTest
  @CsvSource({"1.0, 1.0", "0.5, 0.5", "2, 2.0", "0.01, 0.01", "1000000, 1000000"})
  void cpusArePositiveNumbers(String text, double cpus) throws FormatException {
    assertThat(ValueSyntax.cpus(text)).isEqualTo(cpus);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      two        | is not a positive number such as 1.0
      -1         | is not a positive number
      .5         | is not a positive number
      1e3        | is not a positive number
      .inf       | is not a positive number
      0          | is below the minimum of 0.01
      0.001      | is below the minimum of 0.01
      1000001    | is too large
      """)
  void cpusThatAreNot(String text, String words) {
    assertFails(() -> ValueSyntax.cpus(text), Rule.CPUS, "cpus \"" + text + "\" " + words);
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "10s, PT10S", "5m, PT5M", "1h, PT1H", "0s, PT0S", "168h, PT168H"})
  void durationsAreOneNumberAndOneUnit(String text, Duration duration) throws FormatException {
    assertThat(ValueSyntax.duration(text)).isEqualTo(duration);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      1m30s          | must be a whole number with one unit (ms, s, m, h); write 90s
      1h30m          | must be a whole number with one unit (ms, s, m, h); write 90m
      1s500ms        | must be a whole number with one unit (ms, s, m, h); write 1500ms
      2h60m          | must be a whole number with one unit (ms, s, m, h); write 3h
      30             | must be a whole number with one unit (ms, s, m, h); write 30s
      1.5s           | must be a whole number with one unit (ms, s, m, h), e.g. 30s
      10 s           | must be a whole number with one unit (ms, s, m, h), e.g. 30s
      1d             | must be a whole number with one unit (ms, s, m, h), e.g. 30s
      169h           | is longer than a week (168h)
      99999999999999999999h | is longer than a week (168h)
      """)
  void durationsThatAreNot(String text, String words) {
    assertFails(() -> ValueSyntax.duration(text), Rule.DURATION, "duration \"" + text + "\" " + words);
  }

  @Test
  void wholeNumbers() throws FormatException {
    assertThat(ValueSyntax.wholeNumber("retries", "0")).isZero();
    assertThat(ValueSyntax.wholeNumber("retries", "3")).isEqualTo(3);
    assertFails(() -> ValueSyntax.wholeNumber("retries", "-1"), Rule.VALUE_TYPE, "retries \"-1\" must be a whole number, e.g. 3");
    assertFails(() -> ValueSyntax.wholeNumber("retries", "3.0"), Rule.VALUE_TYPE, "must be a whole number");
    assertFails(() -> ValueSyntax.wholeNumber("retries", "9999999999"), Rule.VALUE_TYPE, "retries \"9999999999\" is too large");
  }

  /** Reads one value, as the parser would. */
  interface Attempt {
    Object read() throws FormatException;
  }

  static void assertFails(Attempt attempt, Rule rule, String message) {
    assertThatThrownBy(attempt::read)
        .isInstanceOfSatisfying(FormatException.class, e -> {
          assertThat(e.rule()).isEqualTo(rule);
          assertThat(e.getMessage()).contains(message);
        });
  }
}
