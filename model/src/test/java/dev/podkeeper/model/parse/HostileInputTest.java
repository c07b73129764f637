package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written to hurt the parser: each ends in located problems, quickly, and never in another
 * exception, a hang or running out of memory.
 */
class HostileInputTest {
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @Test
  void billionLaughsStopsAtTheAliasThatWouldExpandTooFar() {
    String lol = "[" + String.join(", ", java.util.Collections.nCopies(9, "lol")) + "]";
    List<String> lines = new ArrayList<>(List.of("a: &a " + lol));
    for (char level = 'b'; level <= 'i'; level++) {
      char previous = (char) (level - 1);
      lines.add(level + ": &" + level + " [" + String.join(", ", java.util.Collections.nCopies(9, "*" + previous)) + "]");
    }
    // a..e hold 74,732 values; f's first alias of e (66,430 values) goes over 100,000.
    Problem problem = inTime(() -> onlyProblem(withHeader(lines.toArray(String[]::new)), "yaml.alias", 8, 8,
        "this alias makes the file expand to more than 100000 values"));
    assertThat(problem.toString()).hasSizeLessThan(200);
  }

  @Test
  void moreThanFiftyAliasesOfCollectionsAreRefused() {
    String aliases = IntStream.range(0, 51).mapToObj(i -> "*x").collect(Collectors.joining(", "));
    onlyProblem(withHeader("defaults: &x {}", "containers: [" + aliases + "]"), "yaml.alias", 4, 14 + 50 * 4,
        "more than 50 aliases of mappings or lists");
  }

  @Test
  void deepFlowNestingStopsAtSixtyFourLevels() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    inTime(() -> onlyProblem(withHeader("defaults: " + deep), "yaml.depth", 3, 74,
        "nest more than 64 levels deep"));
  }

  @Test
  void deepBlockNestingStopsAtSixtyFourLevels() {
    String[] lines = IntStream.range(0, 100).mapToObj(i -> " ".repeat(i) + "a:").toArray(String[]::new);
    // The root mapping is level 1; line 3 + i (i > 0) starts a mapping of level i + 1 at column i + 1.
    inTime(() -> onlyProblem(withHeader(lines), "yaml.depth", 3 + 64, 65, "more than 64 levels"));
  }

  @Test
  void aLatin1ByteIsReportedWhereItIs() throws IOException {
    byte[] latin1 = withHeader("defaults:", "  env: { TZ: Europe/Bruxelles } # caf\u00e9")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertSingleProblemInFile(latin1, "file.encoding", 4, 38, "not UTF-8: byte 0xE9");
  }

  @Test
  void utf16IsNotUtf8() throws IOException {
    byte[] utf16 = withHeader().getBytes(StandardCharsets.UTF_16);
    assertSingleProblemInFile(utf16, "file.encoding", 1, 1, "not UTF-8: byte 0xFE");
  }

  @Test
  void aTenMegabyteFileIsTooLargeBeforeParsing() throws IOException {
    byte[] big = (withHeader() + "# " + "x".repeat(10 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
    inTime(() -> assertSingleProblemInFile(big, "file.too-large", 1, 1, "larger than 8 MiB"));
  }

  @Test
  void tenMegabytesOfTextAreTooLargeToo() {
    inTime(() -> onlyProblem(withHeader("# " + "x".repeat(10 << 20)), "file.too-large", 1, 1, "larger than 8 MiB"));
  }

  @Test
  void manyValuesWithoutAliasesAreCappedToo() {
    String values = IntStream.range(0, 110_000).mapToObj(i -> "a").collect(Collectors.joining(","));
    inTime(() -> {
      Problem problem = Parsing.problems(withHeader("containers: [" + values + "]")).get(0);
      assertThat(problem.rule()).isEqualTo("file.too-large");
      assertThat(problem.message()).contains("more than 100000 values");
    });
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void anEndlessFileIsReadOnlyUpToTheLimit() {
    inTime(() -> assertThatThrownBy(() -> DesiredStateParser.parse(Path.of("/dev/zero")))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> assertThat(e.problems())
            .extracting(Problem::rule).containsExactly("file.too-large")));
  }

  @Test
  void aDirectoryIsNotReadable() {
    assertThatThrownBy(() -> DesiredStateParser.parse(dir))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.rule()).isEqualTo("file.readable");
              assertThat(p.toString()).startsWith(dir + ":1:1: cannot read the file: ");
            }));
  }

  @Test
  void hugeNumbersAreReportedNotWrapped() {
    List<Problem> problems = Parsing.problems(withHeader(
        "defaults: { owner: \"99999999999:0\" }",
        "networks: { n: {} }",
        "containers:",
        "  a:",
        "    image: i",
        "    network: n",
        "    ports: [127.0.0.1:99999999999:80, 127.0.0.1:80:" + "9".repeat(400) + "]",
        "    memory: 9999999999999g",
        "    cpus: 99999999999",
        "    stopTimeout: 99999999999999999999999h",
        "    health: { test: [NONE], retries: 99999999999, interval: 9999999h }"));
    assertThat(problems).hasSize(8);
    assertProblem(problems.get(0), "owner", 3, 20, "has a uid or gid above 2147483647");
    assertProblem(problems.get(1), "ports.syntax", 9, 13, "host port 99999999999, outside 1-65535");
    assertProblem(problems.get(2), "ports.syntax", 9, 39, "container port 999");
    assertProblem(problems.get(3), "memory", 10, 13, "memory \"9999999999999g\" is too large");
    assertProblem(problems.get(4), "cpus", 11, 11, "is too large");
    assertProblem(problems.get(5), "duration", 12, 18, "longer than a week");
    assertProblem(problems.get(6), "value.type", 13, 38, "retries \"99999999999\" is too large");
    assertProblem(problems.get(7), "duration", 13, 61, "longer than a week");
  }

  @Test
  void aThousandDigitVersionIsJustAnotherVersion() {
    onlyProblem("version: " + "1".repeat(1000) + "\nstack: s\n", "version", 1, 10, "is not supported");
  }

  private void assertSingleProblemInFile(byte[] content, String rule, int line, int column, String words)
      throws IOException {
    Path file = dir.resolve("stack.yaml");
    Files.write(file, content);
    assertThatThrownBy(() -> DesiredStateParser.parse(file))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.rule()).isEqualTo(rule);
              assertThat(List.of(p.line(), p.column())).containsExactly(line, column);
              assertThat(p.message()).contains(words);
            }));
  }

  private static <T> T inTime(org.junit.jupiter.api.function.ThrowingSupplier<T> test) {
    return assertTimeoutPreemptively(QUICKLY, test);
  }

  private static void inTime(org.junit.jupiter.api.function.Executable test) {
    assertTimeoutPreemptively(QUICKLY, test);
  }
}
