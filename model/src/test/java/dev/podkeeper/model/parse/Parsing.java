package dev.podkeeper.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.podkeeper.model.desired.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Parses YAML written in a test and checks what comes out, problem by problem. */
public final class Parsing {
  public static final String FILE = "stack.yaml";
  /** The two required keys; a case's own lines start on line 3. */
  public static final String HEADER = "version: 1\nstack: s\n";

  private Parsing() {}

  /** The lines joined into a file, each ending in a newline. */
  public static String yaml(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** {@link #HEADER}, then the lines. */
  public static String withHeader(String... lines) {
    return HEADER + yaml(lines);
  }

  public static DesiredState valid(String yaml) {
    try {
      return DesiredStateParser.parse(FILE, yaml);
    } catch (InvalidDesiredStateException e) {
      return fail("expected a valid file, got:\n" + e.getMessage());
    }
  }

  public static List<Problem> problems(String yaml) {
    try {
      DesiredState state = DesiredStateParser.parse(FILE, yaml);
      return fail("expected problems, got a valid file: " + state);
    } catch (InvalidDesiredStateException e) {
      assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream().map(Problem::toString).toList()));
      return e.problems();
    }
  }

  /** The file's one problem, which must be the given rule at the given place, with these words in its message. */
  public static Problem onlyProblem(String yaml, String rule, int line, int column, String... words) {
    List<Problem> problems = problems(yaml);
    assertThat(problems).as("problems of\n%s", yaml).hasSize(1);
    return assertProblem(problems.get(0), rule, line, column, words);
  }

  /** The checkout's root, which holds {@code examples/}; tests run in their module's directory. */
  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no examples/ above " + Path.of("").toAbsolutePath());
  }

  public static Problem assertProblem(Problem problem, String rule, int line, int column, String... words) {
    assertThat(problem.rule()).as("rule of %s", problem).isEqualTo(rule);
    assertThat(List.of(problem.line(), problem.column())).as("line and column of %s", problem)
        .containsExactly(line, column);
    assertThat(problem.message()).as("message of %s", problem).contains(words);
    assertThat(problem.file()).isEqualTo(FILE);
    return problem;
  }
}
