package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.ContainerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From the tree to the records: keys, types, words, defaults and the two forms of commands. */
class BindingTest {
  /** Lines 1-5; a case's container keys start on line 6, indented by four. */
  private static final String CONTAINER = withHeader("networks: { n: {} }", "containers:", "  a:").stripTrailing() + "\n";

  private static String container(String... keys) {
    return CONTAINER + "    image: i\n    network: n\n"
        + String.join("\n", java.util.Arrays.stream(keys).map(k -> "    " + k).toList()) + "\n";
  }

  private static ContainerSpec validContainer(String... keys) {
    return valid(container(keys)).containers().get("a");
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      environment: {}                 | 8  | 5  | unknown key "environment" in container "a" (did you mean "env"?)
      depends_on: [b]                 | 8  | 5  | unknown key "depends_on" in container "a" (did you mean "dependsOn"?)
      cap_add: [NET_ADMIN]            | 8  | 5  | unknown key "cap_add" in container "a" (did you mean "capAdd"?)
      imgae: x                        | 8  | 5  | unknown key "imgae" in container "a" (did you mean "image"?)
      health: { test: NONE, intervall: 1s } | 8 | 27 | unknown key "intervall" in the health check of container "a" (did you mean "interval"?)
      frobnicate: true                | 8  | 5  | unknown key "frobnicate" in container "a"
      """)
  void unknownKeysSuggestTheClosestKnownOne(String line, int row, int column, String message) {
    Problem problem = onlyProblem(container(line), "keys.unknown", row, column, message);
    if (line.startsWith("frobnicate")) {
      assertThat(problem.message()).doesNotContain("did you mean");
    }
  }

  @Test
  void unknownKeysAreFoundInEverySection() {
    List<Problem> problems = problems(withHeader(
        "defaults: { onwer: \"0:0\" }",
        "networks: { n: { subnett: 10.0.0.0/24 } }",
        "directories: [{ path: /a, mod: \"0700\" }]",
        "envFiles: { e: { path: /e, value: {}, values: { K: { from_file: /s } } } }",
        "units: { u.service: { enable: true } }"));
    assertThat(problems).extracting(Problem::message).containsExactly(
        "unknown key \"onwer\" in defaults (did you mean \"owner\"?)",
        "unknown key \"subnett\" in network \"n\" (did you mean \"subnet\"?)",
        "unknown key \"mod\" in directory entry 1 (did you mean \"mode\"?)",
        "unknown key \"value\" in env file \"e\" (did you mean \"values\"?)",
        "value K of env file \"e\" has no fromFile",
        "unknown key \"from_file\" in value K of env file \"e\" (did you mean \"fromFile\"?)",
        "unknown key \"enable\" in unit \"u.service\" (did you mean \"enabled\"?)");
  }

  @Test
  void requiredKeysAreReportedAtTheKeyThatNamesTheirMapping() {
    List<Problem> problems = problems(withHeader(
        "directories: [{ owner: \"0:0\" }]",
        "envFiles: { e: { values: { K: {} } } }",
        "containers:",
        "  a: {}",
        "  b: { image: i, network: n, health: { interval: 1s } }",
        "networks: { n: {} }"));
    assertThat(problems).hasSize(5); // not network: left out, a container joins Podman's default network
    assertProblem(problems.get(0), "keys.required", 3, 15, "directory entry 1 has no path");
    assertProblem(problems.get(1), "keys.required", 4, 13, "env file \"e\" has no path");
    assertProblem(problems.get(2), "keys.required", 4, 28, "value K of env file \"e\" has no fromFile");
    assertProblem(problems.get(3), "keys.required", 6, 3, "container \"a\" has no image");
    assertProblem(problems.get(4), "keys.required", 7, 30, "the health check of container \"b\" has no test");
  }

  @Test
  void versionAndStackAreRequired() {
    List<Problem> problems = problems("defaults: {}\n");
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "stack.yaml:1:1: the file has no version [keys.required]",
        "stack.yaml:1:1: the file has no stack [keys.required]");
  }

  @Test
  void versionMayBeQuotedButMustBeOne() {
    assertThat(valid("version: \"1\"\nstack: s\n").stack()).isEqualTo("s");
    onlyProblem("version: 1.0\nstack: s\n", "version", 1, 10, "version 1.0 is not supported");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      privileged: yes                 | 8 | 17 | privileged must be true or false, not "yes"
      lanAccess: "true"               | 8 | 16 | lanAccess must be true or false, not "true"
      capDrop: ALL                    | 8 | 14 | capDrop must be a list, e.g. [ALL]
      dependsOn: prowlarr             | 8 | 16 | dependsOn must be a list, e.g. [prowlarr]
      user: [root]                    | 8 | 11 | user must be a single value, not a list
      hostname:                       | 8 | 5  | hostname has no value
      aliases: [x, [y]]               | 8 | 18 | aliases item must be a single value, not a list
      env: [A=1]                      | 8 | 10 | env must be a mapping of names, not a list
      labels: { a: }                  | 8 | 15 | label a needs a single value, not nothing; write a: "" for an empty one
      health: CMD                     | 8 | 13 | the health check of container "a" must be a mapping of keys, not "CMD"
      """)
  void valuesMustHaveTheirKeysType(String line, int row, int column, String message) {
    onlyProblem(container(line), "value.type", row, column, message);
  }

  @Test
  void aContainerThatIsNotAMappingIsOneProblemNotThree() {
    onlyProblem(withHeader("containers:", "  web: nginx"), "value.type", 4, 8,
        "container \"web\" must be a mapping of keys, not \"nginx\"");
  }

  @Test
  void sectionsMustBeMappingsOrLists() {
    List<Problem> problems = problems(withHeader("containers: [a]", "directories: { path: /a }"));
    assertProblem(problems.get(0), "value.type", 3, 13, "containers must be a mapping of names, not a list");
    assertProblem(problems.get(1), "value.type", 4, 14, "directories must be a list, e.g. [{ path: /srv/media }]");
  }

  @Test
  void emptyImageIsNotAnImage() {
    onlyProblem(CONTAINER + "    image: \"\"\n    network: n\n", "value.type", 6, 12, "image must not be empty");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      pull: sometimes | 8 | 11 | pull "sometimes" must be one of missing, always, never
      restart: false  | 8 | 14 | restart "false" must be one of no, on-failure, always, unless-stopped
      """)
  void wordsMustBeOneOfTheirKeys(String line, int row, int column, String message) {
    onlyProblem(container(line), "value.enum", row, column, message);
  }

  @Test
  void unitStatesAreWords() {
    onlyProblem(withHeader("units: { a.service: { state: running } }"), "value.enum", 3, 30,
        "state \"running\" must be one of active, inactive");
  }

  @Test
  void envValuesAreScalars() {
    onlyProblem(container("env: { A: [1] }"), "env.value", 8, 15,
        "env A must be a string, number or boolean, not a list");
  }

  @Test
  void commandsAreListsOrShellWords() {
    assertThat(validContainer("command: [sh, -c, \"echo 'a b'\"]").command()).contains(List.of("sh", "-c", "echo 'a b'"));
    assertThat(validContainer("command: sh -c \"echo 'a b'\" it\\'s").command())
        .contains(List.of("sh", "-c", "echo 'a b'", "it's"));
    assertThat(validContainer("entrypoint: /init").entrypoint()).contains(List.of("/init"));
    assertThat(validContainer("command: 42").command()).contains(List.of("42"));
    assertThat(validContainer("command: \"\"").command()).isEmpty();
    assertThat(validContainer("command: []").command()).isEmpty();
    assertThat(validContainer("command:").command()).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"health: { interval: 1s }", "health: { test: }",
      "health: { test: { CMD: x } }", "health: { test: [[CMD]] }"})
  void aHealthCheckWithoutAUsableTestIsOneProblemNotTwo(String line) {
    assertThat(problems(container(line))).hasSize(1);
  }

  @Test
  void aMissingOrEmptyStackIsOneProblemNotTwo() {
    onlyProblem("version: 1\nstack:\n", "value.type", 2, 1, "stack has no value");
    onlyProblem("version: 1\nstack: [s]\n", "value.type", 2, 8, "stack must be a single value, not a list");
  }

  @Test
  void aHealthTestStringIsAShellCommand() {
    assertThat(validContainer("health: { test: \"curl -f http://127.0.0.1/ || exit 1\" }").health().orElseThrow().test())
        .containsExactly("CMD-SHELL", "curl -f http://127.0.0.1/ || exit 1");
  }

  @Test
  void anEmptyContainerProviderNamesNoContainer() {
    onlyProblem(CONTAINER + "    image: i\n    network: \"container:\"\n", "network.provider", 7, 14,
        "container \"a\" joins \"\", which is not a container of this file");
  }

  @Test
  void itemsThatDoNotParseAreLeftOutWithoutShiftingLaterProblems() {
    // The first port fails to parse and is dropped from the record: the clash found on the record's
    // second port must still point at the file's third.
    List<Problem> problems = problems(container("ports: [\"80\", \"127.0.0.1:81:81\", \"127.0.0.1:81:82\"]"));
    assertThat(problems).hasSize(2);
    assertProblem(problems.get(0), "ports.host-ip", 8, 13, "port \"80\" has no host IP");
    assertProblem(problems.get(1), "ports.duplicate", 8, 38, "127.0.0.1:81/tcp is already published by container \"a\" "
        + "(stack.yaml:8:19)");
  }

  @Test
  void directoriesThatDoNotParseAreLeftOutWithoutShiftingLaterProblems() {
    List<Problem> problems = problems(withHeader("directories:", "  - path: x", "  - path: /a", "  - path: /a"));
    assertThat(problems).extracting(p -> p.line() + " " + p.rule()).containsExactly("4 path.absolute",
        "6 directories.duplicate");
  }
}
