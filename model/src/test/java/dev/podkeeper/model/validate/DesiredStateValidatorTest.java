package dev.podkeeper.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validator on its own, over records built in code: it names what it checks by path. */
class DesiredStateValidatorTest {
  private static final NetworkSpec NET = new NetworkSpec("n", Optional.empty(), Optional.empty(), true);

  @Test
  void aValidStateHasNoViolations() {
    assertThat(DesiredStateValidator.validate(state(ContainerSpec.builder("a", "i", bridge()).build()))).isEmpty();
  }

  @Test
  void violationsNameTheOffendingPath() {
    ContainerSpec a = ContainerSpec.builder("a", "i", bridge()).dependsOn(List.of("a", "x"))
        .ports(List.of(new PortMapping("localhost", 80, 80, PortMapping.Protocol.TCP))).build();
    assertThat(DesiredStateValidator.validate(state(a))).containsExactly(
        Violation.at(Rule.REFS_UNKNOWN, NodePath.of("containers", "a", "dependsOn").index(1),
            "dependsOn names \"x\", which is not a container of this file (did you mean \"a\"?)"),
        Violation.at(Rule.DEPS_CYCLE, NodePath.of("containers", "a", "dependsOn").index(0), "dependency cycle: a -> a"),
        Violation.at(Rule.PORTS_SYNTAX, NodePath.of("containers", "a", "ports").index(0),
            "port \"localhost:80:80\" has host IP \"localhost\", which is not an IP address"));
  }

  @Test
  void pathsDescribeWhereTheyAre() {
    assertThat(NodePath.root().where()).isEqualTo("at the top level");
    assertThat(NodePath.of("containers", "a").where()).isEqualTo("in container \"a\"");
    assertThat(NodePath.of("containers", "a", "health").describe()).isEqualTo("the health check of container \"a\"");
    assertThat(NodePath.of("directories").index(2).describe()).isEqualTo("directory entry 3");
    assertThat(NodePath.of("envFiles", "e", "values", "K").describe()).isEqualTo("value K of env file \"e\"");
    assertThat(NodePath.of("containers", "a", "ports").index(0).toString()).isEqualTo("containers.a.ports[0]");
  }

  private static NetworkAttachment bridge() {
    return new NetworkAttachment.Bridge("n");
  }

  private static DesiredState state(ContainerSpec... containers) {
    Map<String, ContainerSpec> byName = new java.util.LinkedHashMap<>();
    for (ContainerSpec c : containers) {
      byName.put(c.name(), c);
    }
    return new DesiredState(Path.of("x.yaml"), "s", Defaults.NONE, Map.of("n", NET), List.of(), Map.of(), Map.of(), byName);
  }
}
