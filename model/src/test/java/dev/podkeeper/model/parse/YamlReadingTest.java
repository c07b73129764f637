package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static dev.podkeeper.model.parse.Parsing.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.RestartPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML layer: syntax, locations, duplicate keys, anchors, aliases and merge keys. */
class YamlReadingTest {

  @Test
  void anUnclosedFlowMappingIsReportedWhereTheFileEnds() {
    onlyProblem(withHeader("networks:", "  n: {", "containers: {}"), "yaml.syntax", 6, 1,
        "not valid YAML: expected ',' or '}', but got <stream end>");
  }

  @Test
  void aTabIndentIsASyntaxErrorAtTheTab() {
    onlyProblem(withHeader("defaults:", "\towner: \"0:0\""), "yaml.syntax", 4, 1, "not valid YAML");
  }

  @Test
  void aNulCharacterIsReportedWhereItIs() {
    onlyProblem(withHeader("defaults:", "  owner: \"0:0\u0000\""), "yaml.syntax", 4, 14,
        "character U+0000 is not allowed in YAML");
  }

  @Test
  void anEmptyFileNeedsVersionAndStack() {
    onlyProblem("", "keys.required", 1, 1, "the file is empty; it needs at least version: 1 and stack:");
    onlyProblem("# only a comment\n", "keys.required", 1, 1, "the file is empty");
  }

  @Test
  void theFileIsOneMapping() {
    onlyProblem("- version: 1\n", "value.type", 1, 1, "the file must be a mapping of keys, not a list");
  }

  @Test
  void aSecondDocumentIsAnError() {
    onlyProblem(withHeader("---", "stack: t"), "yaml.syntax", 4, 1, "a second document");
  }

  @Test
  void everyDuplicateKeyIsReportedAndReadingGoesOn() {
    List<Problem> problems = problems(withHeader(
        "networks:",
        "  n: { dns: true, dns: false }",
        "containers:",
        "  a: { image: i, network: n, image: j, cpus: none }"));
    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "keys.duplicate", 4, 19,
        "key \"dns\" appears twice in network \"n\" (first at stack.yaml:4:8)");
    assertProblem(problems.get(1), "keys.duplicate", 6, 30,
        "key \"image\" appears twice in container \"a\" (first at stack.yaml:6:8)");
    assertProblem(problems.get(2), "cpus", 6, 46, "cpus \"none\"");
  }

  @Test
  void theFirstOfTwoDuplicateKeysIsTheOneKept() {
    // Both are reported as a problem; the first value is what the rest of the checks see.
    List<Problem> problems = problems(withHeader("networks: { n: {} }", "containers:",
        "  a: { image: i, network: n, network: m }"));
    assertThat(problems).extracting(Problem::rule).containsExactly("keys.duplicate");
  }

  @Test
  void aliasesShareAnchoredMappingsListsAndScalars() {
    DesiredState state = valid(withHeader(
        "networks: { n: {} }",
        "containers:",
        "  a:",
        "    image: &img docker.io/library/busybox:1",
        "    network: n",
        "    env: &env { TZ: Europe/Amsterdam, LANG: C }",
        "    capAdd: &caps [NET_ADMIN]",
        "  b:",
        "    image: *img",
        "    network: n",
        "    env: *env",
        "    capAdd: *caps"));
    assertThat(state.containers().get("b").image()).isEqualTo("docker.io/library/busybox:1");
    assertThat(state.containers().get("b").env()).containsExactly(Map.entry("TZ", "Europe/Amsterdam"),
        Map.entry("LANG", "C"));
    assertThat(state.containers().get("b").capAdd()).containsExactly("NET_ADMIN");
  }

  @Test
  void mergeKeysTakeTheBaseAndExplicitKeysWin() {
    DesiredState state = valid(withHeader(
        "networks: { n: {} }",
        "containers:",
        "  a: &base",
        "    image: i",
        "    network: n",
        "    restart: always",
        "  b:",
        "    <<: *base",
        "    image: j",
        "    env:",
        "      <<: [{ A: '1', B: '1' }, { B: '2', C: '2' }]",
        "      C: '3'"));
    assertThat(state.containers().get("b").image()).isEqualTo("j");
    assertThat(state.containers().get("b").restart()).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(state.containers().get("b").env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "1"),
        Map.entry("C", "3"));
  }

  @Test
  void aQuotedMergeKeyIsJustAnUnknownKey() {
    onlyProblem(withHeader("defaults:", "  \"<<\": {}"), "keys.unknown", 4, 3, "unknown key \"<<\" in defaults");
  }

  @Test
  void aMergeOfSomethingOtherThanAMappingIsReported() {
    onlyProblem(withHeader("defaults:", "  <<: [1]"), "value.type", 4, 8,
        "<< merges a mapping or a list of mappings, not \"1\"");
  }

  @Test
  void anAliasMustFollowItsAnchor() {
    onlyProblem(withHeader("defaults: { env: *later }", "containers: &later {}"), "yaml.alias", 3, 18,
        "alias *later refers to no anchor &later before it");
  }

  @Test
  void aMappingCannotContainItself() {
    onlyProblem(withHeader("defaults: &self { env: *self }"), "yaml.alias", 3, 24, "alias *self refers to no anchor");
  }

  @Test
  void yesNoOnAndOffAreWordsNotBooleans() {
    DesiredState state = valid(withHeader(
        "networks: { n: {} }",
        "containers:",
        "  a:",
        "    image: i",
        "    network: n",
        "    restart: no",
        "    env: { A: on, B: yes, C: true, D: 1.50, E: 0750, F: ~ok }"));
    assertThat(state.containers().get("a").restart()).isEqualTo(RestartPolicy.NO);
    assertThat(state.containers().get("a").env()).containsExactly(Map.entry("A", "on"), Map.entry("B", "yes"),
        Map.entry("C", "true"), Map.entry("D", "1.50"), Map.entry("E", "0750"), Map.entry("F", "~ok"));
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    assertThat(valid("\uFEFF" + withHeader()).stack()).isEqualTo("s");
  }

  @Test
  void windowsLineEndingsAreRead() {
    assertThat(valid("version: 1\r\nstack: s\r\n").stack()).isEqualTo("s");
  }

  @Test
  void locationsCountColumnsInCharactersNotBytes() {
    onlyProblem(yaml("version: 1", "stack: s", "defaults: { env: { A: \"ñé\", B-: x } }"), "env.name", 3, 29,
        "env name \"B-\"");
  }
}
