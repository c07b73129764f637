package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.assertProblem;
import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.validate.StackFiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 3 (references name what the file declares) and rule 4 (no dependency cycle). */
class ReferenceRulesTest {

  @Test
  void dependsOnNamesContainers() {
    onlyProblem(stack().container("prowlarr", "n").container("sonarr", "n", "dependsOn: [prowlarr, prowlar]").yaml(),
        "refs.unknown", 11, 27, "dependsOn names \"prowlar\", which is not a container of this file (did you mean \"prowlarr\"?)");
  }

  @Test
  void requiresUnitsNamesActiveUnitsOfTheFile() {
    List<Problem> problems = problems(stack()
        .container("a", "n", "requiresUnits: [jellyfin.service, jelyfin.service, caddy.service, nginx.service]")
        .top("units:", "  jellyfin.service: {}", "  caddy.service: { state: inactive }").yaml());
    assertThat(problems).hasSize(3);
    assertProblem(problems.get(0), "refs.unknown", 8, 39, "requiresUnits names \"jelyfin.service\", which is not a unit of "
        + "this file (did you mean \"jellyfin.service\"?)");
    assertProblem(problems.get(1), "refs.inactive-unit", 8, 56, "requiresUnits names \"caddy.service\", which the file "
        + "wants inactive");
    assertProblem(problems.get(2), "refs.unknown", 8, 71, "requiresUnits names \"nginx.service\", which is not a unit of "
        + "this file; declare it under units:");
  }

  @Test
  void envFilesAreNamesOfTheFileOrAbsolutePaths() {
    valid(stack().container("a", "n", "envFiles: [vpn, /etc/podkeeper/extra.env]")
        .top("envFiles: { vpn: { path: /srv/vpn.env } }").yaml());
    onlyProblem(stack().container("a", "n", "envFiles: [vnp]").top("envFiles: { vpn: { path: /srv/vpn.env } }").yaml(),
        "refs.unknown", 8, 16, "envFiles names \"vnp\", which is neither an env file of this file nor an absolute path "
            + "(did you mean \"vpn\"?)");
  }

  @Test
  void aContainerCannotDependOnItself() {
    onlyProblem(stack().container("a", "n", "dependsOn: [a]").yaml(), "deps.cycle", 8, 17, "dependency cycle: a -> a");
  }

  @Test
  void aCycleThroughANamespaceIsNamedInFull() {
    onlyProblem(stack()
            .container("a", "n", "dependsOn: [b]")
            .container("b", "container:c")
            .container("c", "n", "dependsOn: [a]").yaml(),
        "deps.cycle", 8, 17, "dependency cycle: a -> b -> c -> a");
  }

  @Test
  void everyCycleIsReported() {
    List<Problem> problems = problems(stack()
        .container("a", "n", "dependsOn: [b]")
        .container("b", "n", "dependsOn: [a]")
        .container("c", "n", "dependsOn: [d, a]")
        .container("d", "n", "dependsOn: [c]").yaml());
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "stack.yaml:8:17: dependency cycle: a -> b -> a [deps.cycle]",
        "stack.yaml:16:17: dependency cycle: c -> d -> c [deps.cycle]");
  }

  @Test
  void aLongCycleIsNamedByItsEnds() {
    StackFiles files = stack();
    for (int i = 0; i < 20; i++) {
      files.container("c" + i, "n", "dependsOn: [c" + (i + 1) % 20 + "]");
    }
    onlyProblem(files.yaml(), "deps.cycle", 8, 17,
        "dependency cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9 -> ... -> c19 -> c0 (20 containers)");
  }

  @Test
  void aDiamondIsNoCycle() {
    valid(stack().container("a", "n", "dependsOn: [b, c]").container("b", "n", "dependsOn: [d]")
        .container("c", "n", "dependsOn: [d]").container("d", "n").yaml());
  }
}
