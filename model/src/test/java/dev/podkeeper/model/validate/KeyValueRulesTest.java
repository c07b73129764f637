package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static dev.podkeeper.model.validate.StackFiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Environment names and values, labels, and health tests. */
class KeyValueRulesTest {

  @Test
  void envNamesAreShellNamesEverywhere() {
    assertThat(problems(stack().container("a", "n", "env: { OK_1: x, 1BAD: x }")
        .top("defaults: { env: { my-var: x } }", "envFiles: { e: { path: /e, values: { \"A B\": x, _ok: y } } }").yaml()))
        .extracting(Problem::toString).containsExactly(
            "stack.yaml:8:21: env name \"1BAD\" must match [A-Za-z_][A-Za-z0-9_]* [env.name]",
            "stack.yaml:9:20: env name \"my-var\" must match [A-Za-z_][A-Za-z0-9_]* [env.name]",
            "stack.yaml:10:38: env name \"A B\" must match [A-Za-z_][A-Za-z0-9_]* [env.name]");
  }

  @Test
  void envFileValuesFitOnTheirLine() {
    onlyProblem(withHeader("envFiles:", "  e:", "    path: /e", "    values:", "      A: \"one\\ntwo\"", "      B: one two"),
        "env.value", 7, 10, "value of A in env file \"e\" contains a line break, which an env file cannot hold");
  }

  @Test
  void containerEnvValuesMayHoldLineBreaks() {
    valid(stack().container("a", "n", "env: { SCRIPT: \"a\\nb\" }").yaml());
  }

  @Test
  void labelsUnderPodkeepersPrefixAreReserved() {
    valid(stack().container("a", "n", "labels: { dev.podkeeper: x, dev.podkeepers.x: y, com.example.team: z }").yaml());
    onlyProblem(stack().container("a", "n", "labels: { dev.podkeeper.spec-hash: x }").yaml(), "labels.reserved", 8, 15,
        "label \"dev.podkeeper.spec-hash\" is reserved for podkeeper");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      health: { test: [CMD] }                  | value.type | 'health test CMD of container "a" names nothing to run, e.g. ["CMD", "/bin/check"]'
      health: { test: [CMD-SHELL] }            | value.type | 'health test CMD-SHELL of container "a" names nothing to run'
      health: { test: [NONE, x] }              | value.type | 'health test NONE of container "a" takes nothing after NONE'
      health: { test: [cmd, /bin/check] }      | value.enum | 'health test of container "a" must start with CMD, CMD-SHELL or NONE'
      health: { test: [] }                     | value.enum | 'must start with CMD, CMD-SHELL or NONE'
      """)
  void healthTestsSayHowToRun(String line, String rule, String message) {
    onlyProblem(stack().container("a", "n", line).yaml(), rule, 8, 21, message);
  }

  @Test
  void validHealthTests() {
    valid(stack().container("a", "n", "health: { test: [NONE] }").container("b", "n", "health: { test: [CMD, /bin/true] }")
        .container("c", "n", "health: { test: \"exit 0\" }").yaml());
  }
}
