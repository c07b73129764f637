package dev.podkeeper.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.validate.DesiredStateValidator;
import dev.podkeeper.model.validate.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The parser as a fuzz target: whatever it is given (text made of YAML's and the format's own pieces, or a
 * valid file with bytes flipped, lines cut, swapped or re-indented), it returns a valid state or throws
 * {@link InvalidDesiredStateException} with located problems, within {@link #PER_TRY}. Nothing else: no
 * other exception, no error, no hang. jqwik prints the seed of a failing run; re-run it with
 * {@code @Property(seed = "...")}.
 */
class ParseFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(2);
  private static final Set<String> RULES = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toSet());
  private static final String HEADER = "version: 1\nstack: s\n";

  /** Pieces of YAML and of the format, and characters YAML refuses or treats specially. */
  private static final List<String> TOKENS = List.of(
      "version: 1\n", "stack: s\n", "containers:\n", "networks:\n", "directories:\n", "envFiles:\n", "units:\n",
      "defaults:\n", "  ", "    ", "\n", "\r\n", "\r", "\t", " ", "- ", ": ", ":", ", ", "{", "}", "[", "]",
      "? ", "&a ", "&b ", "*a", "*b", "<<: ", "<<: *a", "!!str ", "!!binary ", "!!int ", "!!map ", "!custom ",
      "|\n", ">-\n", "'", "\"", "\\", "#", "# c\n", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,1:\n", "~", "null",
      "true", "no", "0x1F", "0o17", "1e9", "-1", ".inf", ".nan", "99999999999999999999", "0750", "1.0",
      "image: i", "network: n", "network: container:a", "ports: [127.0.0.1:80:80]", "dependsOn: [a]",
      "health: {test: [CMD, x]}", "env: {A: 1}", "path: /srv/a", "/srv/../etc", "0.0.0.0:80:80", "8080:80",
      "[::1]:80:80/udp", "a.service", "fromFile: /run/s", "owner: \"0:0\"", "mode: \"0750\"", "memory: 2g",
      "cpus: 0.5", "stopTimeout: 10s", "labels: {dev.podkeeper.stack: x}", "command: \"sh -c 'x'\"",
      "\u0000", "\u0007", "\u0085", "\u2028", "\uFEFF", "\uD83D\uDE00", "\uD800", "\u00e9", "\u200B");

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("parse-fuzz");
  }

  @AfterContainer
  static void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
  void textMadeOfYamlPiecesIsParsedOrRejected(@ForAll("yamlish") String text) {
    parsedOrRejected(text, () -> DesiredStateParser.parse(Parsing.FILE, text), Parsing.FILE);
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
  void nestedMappingsOfTheFormatsKeysAreParsedOrRejected(@ForAll("structured") String text) {
    parsedOrRejected(text, () -> DesiredStateParser.parse(Parsing.FILE, text), Parsing.FILE);
  }

  @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
  void mutatedValidFilesAreParsedOrRejected(@ForAll("mutants") byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("stack.yaml"), bytes);
    parsedOrRejected(new String(bytes, StandardCharsets.ISO_8859_1), () -> DesiredStateParser.parse(file),
        file.toString());
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> pieces = Arbitraries.of(TOKENS).list().ofMaxSize(60).map(l -> String.join("", l));
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(80);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, pieces),
        net.jqwik.api.Tuple.of(3, pieces.map(p -> HEADER + p)),
        net.jqwik.api.Tuple.of(1, anyChars),
        net.jqwik.api.Tuple.of(1, anyChars.map(p -> HEADER + p)));
  }

  /** Flow-style mappings a few levels deep, with the format's keys and awkward values. */
  @Provide
  Arbitrary<String> structured() {
    return FuzzDocuments.document().map(body -> HEADER + body + "\n");
  }

  @Provide
  Arbitrary<byte[]> mutants() {
    Arbitrary<String> template = Arbitraries.of(FuzzDocuments.templates());
    Arbitrary<List<FuzzDocuments.Mutation>> mutations = FuzzDocuments.mutation().list().ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(template, mutations).as(FuzzDocuments::mutate);
  }

  /** How one input parsed: a valid state, or the rejection. */
  private record Outcome(DesiredState state, InvalidDesiredStateException rejection) {
    boolean same(Outcome other) {
      return state != null ? state.equals(other.state)
          : other.rejection != null && rejection.problems().equals(other.rejection.problems());
    }
  }

  private static Outcome outcome(Parse parse) {
    try {
      return new Outcome(parse.parse(), null);
    } catch (InvalidDesiredStateException e) {
      return new Outcome(null, e);
    }
  }

  @FunctionalInterface
  private interface Parse {
    DesiredState parse() throws InvalidDesiredStateException;
  }

  /** Valid, or rejected with problems that each point inside the file; in time, and nothing else thrown. */
  private static void parsedOrRejected(String shown, Parse parse, String label) {
    Outcome outcome;
    try {
      List<Outcome> twice = assertTimeoutPreemptively(PER_TRY, () -> List.of(outcome(parse), outcome(parse)),
          () -> "parsing twice took over " + PER_TRY + ":\n" + excerpt(shown));
      outcome = twice.get(0);
      assertThat(twice.get(1).same(outcome)).as("a second parse gives the same result:\n%s", excerpt(shown)).isTrue();
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError("parsing threw " + t + " for:\n" + excerpt(shown), t);
    }
    if (outcome.state() != null) {
      assertThat(DesiredStateValidator.validate(outcome.state())).as("violations of an accepted file").isEmpty();
      return;
    }
    int lines = Math.max(1, (int) shown.lines().count()) + 1;
    assertThat(outcome.rejection().problems()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.file()).isEqualTo(label);
      // Past the last line only as far as the end of the file; CR, NEL, LS and PS may each break a line.
      assertThat(p.line()).as("line of %s in\n%s", p, excerpt(shown)).isBetween(1, lines + breaks(shown));
      assertThat(p.column()).as("column of %s", p).isPositive();
      assertThat(RULES).as("rule of %s", p).contains(p.rule());
      assertThat(p.message()).isNotBlank();
    });
  }

  private static int breaks(String text) {
    return (int) text.chars().filter(c -> c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029').count();
  }

  /** The input with control characters escaped, cut to a readable length. */
  static String excerpt(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(2000).forEach(c -> {
      if (c == '\n') {
        out.append("\\n\n");
      } else if (c < 0x20 || c >= 0x7f && c < 0xa0 || c >= 0xd800 && c < 0xe000 || c == 0xfeff) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.length() > 2000 ? out + "... (" + text.length() + " chars)" : out.toString();
  }
}
