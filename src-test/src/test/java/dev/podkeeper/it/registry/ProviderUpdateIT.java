package dev.podkeeper.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.it.AgentCommand;
import dev.podkeeper.it.PodmanEngineFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update of a namespace provider (spec section 7: "a namespace provider's members follow, in one batch"): the
 * provider, on a bridge network and following its tag, is recreated on the moved tag, and the two members that
 * joined its network namespace are recreated in the same pass. Each member then runs in the provider's new
 * namespace, which came up once: no member is left in the old one, and nothing needs a repair afterwards.
 */
class ProviderUpdateIT {
  private static final TrustedRegistry TRUSTED = TrustedRegistry.get();
  private static final PodmanEngineFixture.Engine ENGINE = TRUSTED.engine;
  private static final RegistryFixture REGISTRY = TRUSTED.registry;

  @TempDir
  static Path dir;

  private static FollowingStack provider;

  @BeforeAll
  static void aProviderWithTwoMembersOnVersion1() throws Exception {
    provider = FollowingStack.provider(ENGINE, REGISTRY, dir, "upn", "{ policy: registry, healthTimeout: 2s }", 2);
    provider.pushAndPullVersion1(ENGINE, REGISTRY);
    AgentCommand first = AgentCommand.run(dir.resolve("apply-1.log"), "apply", provider.file, ENGINE.socket());
    assertThat(first.exitCode()).as(first.output()).isZero();
  }

  @AfterAll
  static void removeWhatTheTestMade() {
    provider.remove(ENGINE, "localhost/podkeeper-update-test:v2");
  }

  @Test
  void bothMembersFollowTheUpdatedProviderIntoItsNewNamespaceInOnePass() throws Exception {
    String oldNamespace = ENGINE.networkNamespace(provider.container);
    assertThat(namespaces()).hasSize(2).allSatisfy((member, namespace) ->
        assertThat(namespace).as(member + " in its provider's namespace").isEqualTo(oldNamespace));
    Map<String, String> idsBefore = ids();
    String v2 = REGISTRY.push(ENGINE, RegistryFixture.versionImage(ENGINE, 2), provider.repository + ":latest");

    AgentCommand update = AgentCommand.run(dir.resolve("apply-2.log"), "apply", provider.file, ENGINE.socket(),
        "--check-updates");

    assertThat(update.exitCode()).as(update.output()).isZero();
    List<String> actions = update.output().lines().filter(l -> l.contains(" action=")).toList();
    assertThat(actions).as("one pass").extracting(ProviderUpdateIT::passOf).containsOnly(passOf(actions.get(0)));
    List<String> providerLines = linesOf(actions, provider.container);
    assertThat(providerLines).as("the provider recreated once, on the update").singleElement().asString()
        .contains("action=recreate-container").contains("cause=\"update-available ");
    int providerAt = actions.indexOf(providerLines.get(0));
    String follows = " cause=\"provider " + provider.container + " is recreated\" outcome=ok";
    for (String member : provider.members) {
      List<String> lines = linesOf(actions, member);
      assertThat(lines).as(member + ": removed, then created again").satisfiesExactly(
          l -> assertThat(l).contains("action=remove-container target=" + member + follows),
          l -> assertThat(l).contains("action=create-container target=" + member + follows));
      assertThat(actions.indexOf(lines.get(0))).as(member + " removed before its provider").isLessThan(providerAt);
      assertThat(actions.indexOf(lines.get(1))).as(member + " created after it").isGreaterThan(providerAt);
    }
    assertThat(update.output())
        .containsPattern("event=updated target=" + provider.container + " image=\\S+ from=\\S+ to=" + v2)
        .doesNotContain("restart-container");
    Map<String, String> idsAfter = ids();
    idsBefore.forEach((name, id) -> assertThat(idsAfter.get(name)).as(name + " recreated").isNotEqualTo(id));
    // The old provider is gone, and its namespace with it; the kernel may give the new one the same inode number.
    String newNamespace = ENGINE.networkNamespace(provider.container);
    assertThat(namespaces()).hasSize(2).allSatisfy((member, namespace) ->
        assertThat(namespace).as(member + " in the provider's new namespace").isEqualTo(newNamespace));
    provider.members.forEach(member -> assertThat(ENGINE.podman("exec", member, "ip", "-o", "link"))
        .as(member + " sees the provider's interface: a namespace left behind has only lo").contains(" eth0"));

    AgentCommand again = AgentCommand.run(dir.resolve("apply-3.log"), "apply", provider.file, ENGINE.socket());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).as("converged in the update's pass").contains("actions=0");
    assertThat(ids()).isEqualTo(idsAfter);
  }

  /** The action lines about this container. */
  private static List<String> linesOf(List<String> actions, String container) {
    return actions.stream().filter(l -> l.contains(" target=" + container + " ")).toList();
  }

  private static String passOf(String logLine) {
    return logLine.substring(logLine.indexOf(" pass="), logLine.indexOf(" trigger="));
  }

  /** Each member's network namespace, by name. */
  private static Map<String, String> namespaces() {
    return provider.members.stream().collect(Collectors.toMap(Function.identity(), ENGINE::networkNamespace));
  }

  private static Map<String, String> ids() {
    return Stream.concat(Stream.of(provider.container), provider.members.stream()).collect(Collectors.toMap(
        Function.identity(), name -> ENGINE.podman("inspect", "--format", "{{.Id}}", name).strip()));
  }
}
