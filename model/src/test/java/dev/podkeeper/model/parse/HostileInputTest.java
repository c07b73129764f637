package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.validate.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written to hurt the parser: each ends in located problems, quickly, and never in another
 * exception, a hang or running out of memory. Besides the cases below, a corpus of broken files lives in
 * {@code src/test/resources/hostile/}, listed with the problem each must give in {@code expected.tsv}.
 */
class HostileInputTest {
  private static final Duration QUICKLY = Duration.ofSeconds(10);
  /** What parsing one file may leave on the heap (the problems it holds included). */
  private static final long HEAP_BOUND = 256L << 20;

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
    // 200,000 brackets each way, on lines of 1,000: a flow collection may span lines (indented past its key).
    String deep = String.join("\n ", Collections.nCopies(200, "[".repeat(1000)))
        + String.join("\n ", Collections.nCopies(200, "]".repeat(1000)));
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
    // 110,000 values, 1,000 to a line.
    String values = IntStream.range(0, 110_000).mapToObj(i -> i % 1000 == 999 ? "a,\n " : "a,")
        .collect(Collectors.joining()) + "a";
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyFileOfTheCorpusIsRejectedWithLocatedProblems(HostileCorpus.Entry hostile) {
    InvalidDesiredStateException rejected = inTime(() -> rejected(hostile.path()));

    assertLocated(rejected, hostile.path());
    assertThat(rejected.problems()).as("problems of %s", hostile.name())
        .anySatisfy(p -> {
          assertThat(p.rule()).isEqualTo(hostile.rule());
          assertThat(p.line()).isEqualTo(hostile.line());
          if (hostile.column() > 0) {
            assertThat(p.column()).isEqualTo(hostile.column());
          }
        });
  }

  static Stream<HostileCorpus.Entry> corpus() {
    return HostileCorpus.entries().stream();
  }

  @Test
  void theCorpusBreaksEveryRule() {
    Set<String> broken = HostileCorpus.entries().stream().map(HostileCorpus.Entry::rule)
        .collect(Collectors.toCollection(TreeSet::new));
    // The two whole-file rules need a file no resource can be: a directory, and more than 8 MiB (above).
    broken.addAll(List.of(Rule.FILE_READABLE.id(), Rule.FILE_TOO_LARGE.id()));

    assertThat(broken).containsAll(Arrays.stream(Rule.values()).map(Rule::id).toList());
    assertThat(HostileCorpus.entries()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void theTenMegabyteFileAndTheAliasBombLeaveTheHeapSmall() throws IOException {
    Path big = Files.write(dir.resolve("big.yaml"),
        (withHeader() + "# " + "x".repeat(10 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
    Path bomb = HostileCorpus.path("billion-laughs.yaml");

    long before = usedHeap();
    List<InvalidDesiredStateException> kept = List.of(inTime(() -> rejected(big)), inTime(() -> rejected(bomb)));

    assertThat(usedHeap() - before).as("heap held after parsing").isLessThan(HEAP_BOUND);
    assertThat(kept).allSatisfy(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  @Test
  void aValueOfAlmostEightMegabytesIsReportedInBoundedTimeAndMemory() throws IOException {
    Path file = Files.writeString(dir.resolve("stack.yaml"),
        "version: 1\nstack: " + "S".repeat((8 << 20) - 64) + "\n");

    long before = usedHeap();
    InvalidDesiredStateException rejected = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> rejected(file));

    assertThat(usedHeap() - before).as("heap held after parsing").isLessThan(HEAP_BOUND);
    assertLocated(rejected, file);
    // Refused before YAML parsing: snakeyaml takes time quadratic in a line's length (a minute for this one).
    assertThat(rejected.problems()).extracting(Problem::toString)
        .containsExactly(file + ":2:1: line 2 is longer than 65536 characters, too long for a desired-state file "
            + "[file.too-large]");
  }

  @Test
  void eightMegabytesOfLinesJustUnderTheLimitAreReadInBoundedTime() {
    String line = "v".repeat(SourceText.MAX_LINE - 20);
    String env = IntStream.range(0, 120).mapToObj(i -> "    K" + i + ": " + line).collect(Collectors.joining("\n"));
    DesiredState state = inTime(() -> Parsing.valid(withHeader("defaults:", "  env:", env)));
    assertThat(state.defaults().env()).hasSize(120);
  }

  /**
   * One long scalar standing in thousands of places through aliases (a 100 KB file): where it is wrong, each
   * place is a problem that quotes it, and the problems must not grow as the value times the places.
   */
  @Test
  void aLongScalarAliasedThousandsOfTimesKeepsTheProblemsSmall() {
    String containers = IntStream.range(0, 4000).mapToObj(i -> "  c" + i + ": *big").collect(Collectors.joining("\n"));
    String yaml = withHeader("defaults: { env: { BIG: &big " + "x".repeat(60_000) + " } }", "containers:", containers);

    long before = usedHeap();
    InvalidDesiredStateException rejected = inTime(() -> rejected(yaml));

    assertThat(usedHeap() - before).as("heap held by %d problems", rejected.problems().size())
        .isLessThan(HEAP_BOUND);
    assertThat(rejected.getMessage()).hasSizeLessThan(1 << 20);
  }

  /** An alias is where the value is used: a problem with it points there, not at the anchor. */
  @Test
  void aProblemWithAnAliasedScalarIsReportedWhereTheAliasIs() {
    List<Problem> problems = Parsing.problems(withHeader(
        "networks: { n: {} }",
        "containers:",
        "  a: { image: &img i, network: n }",
        "  b: { image: i, network: n, cpus: *img }",
        "  c: { image: i, network: n, memory: *img }"));

    assertThat(problems).hasSize(2);
    assertProblem(problems.get(0), "cpus", 6, 36, "cpus \"i\"");
    assertProblem(problems.get(1), "memory", 7, 38, "memory \"i\"");
  }

  /** 10,000 containers, each depending on the next, listed dependents first: a deep walk of the graph. */
  @Test
  void aLongDependencyChainIsValid() {
    DesiredState state = inTime(() -> Parsing.valid(chain(10_000, false)));

    assertThat(state.containers()).hasSize(10_000);
  }

  @Test
  void aCycleThroughTenThousandContainersIsNamed() {
    InvalidDesiredStateException rejected = inTime(() -> rejected(chain(10_000, true)));

    assertThat(rejected.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("deps.cycle");
      assertThat(p.message()).startsWith("dependency cycle: c0 -> c1 -> c2");
    });
  }

  /** {@code c0} depends on {@code c1}, ..., the last on nothing, or (closed) on {@code c0}. */
  private static String chain(int length, boolean closed) {
    String containers = IntStream.range(0, length)
        .mapToObj(i -> "  c" + i + ": { image: i, network: n, dependsOn: [c"
            + (i + 1 < length ? i + 1 : closed ? 0 : -1) + "] }")
        .map(line -> line.replace(", dependsOn: [c-1]", ""))
        .collect(Collectors.joining("\n"));
    return withHeader("networks: { n: {} }", "containers:", containers);
  }

  /** The file's rejection; any other outcome (a valid file, another exception) fails the test. */
  private static InvalidDesiredStateException rejected(Path file) {
    try {
      DesiredState state = DesiredStateParser.parse(file);
      throw new AssertionError(file + " was accepted: " + state.stack());
    } catch (InvalidDesiredStateException e) {
      return e;
    }
  }

  private static InvalidDesiredStateException rejected(String yaml) {
    try {
      DesiredState state = DesiredStateParser.parse(Parsing.FILE, yaml);
      throw new AssertionError("accepted: " + state.stack());
    } catch (InvalidDesiredStateException e) {
      return e;
    }
  }

  /** Every problem names the file, a place inside it (or just past its end), a rule id and a message. */
  static void assertLocated(InvalidDesiredStateException e, Path file) {
    int lines = HostileCorpus.lineCount(file);
    Set<String> rules = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.file()).isEqualTo(file.toString());
      assertThat(p.line()).as("line of %s", p).isBetween(1, lines + 1);
      assertThat(p.column()).as("column of %s", p).isPositive();
      assertThat(rules).as("rule of %s", p).contains(p.rule());
      assertThat(p.message()).isNotBlank();
    });
    assertThat(e.getMessage()).isEqualTo(e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
  }

  /** Bytes in use on the heap once garbage is collected (System.gc() is a request: asked a few times). */
  static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
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
