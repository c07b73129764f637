package dev.podkeeper.model.parse;

import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.desired.UpdatePolicy.Mode;
import dev.podkeeper.model.desired.UpdatePolicy.Source;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code update:}: the product's defaults, {@code defaults.update}, and a container's keys over them one by one. */
class UpdatePolicyParsingTest {
  private static final String DIGEST = "@sha256:" + "ab".repeat(32);

  @Test
  void withoutUpdateNothingIsFollowed() {
    DesiredState state = valid(withHeader("containers:", "  a: { image: app:latest }"));

    assertThat(state.defaults().update()).isEqualTo(UpdatePolicy.DEFAULT);
    assertThat(state.containers().get("a").update()).isEqualTo(
        new UpdatePolicy(Source.OFF, Mode.APPLY, Duration.ofHours(6), true, Duration.ofMinutes(2)));
  }

  @Test
  void aContainersKeysOverrideTheDefaultsOneByOne() {
    DesiredState state = valid(withHeader(
        "defaults:",
        "  update: { policy: registry, interval: 1h, healthTimeout: 30s }",
        "containers:",
        "  a: { image: app:latest }",
        "  b: { image: app:latest, update: { mode: report } }",
        "  c: { image: app:latest, update: { policy: local, rollback: false } }",
        "  d: { image: app:latest, update: { policy: off } }"));

    assertThat(state.containers().get("a").update())
        .isEqualTo(new UpdatePolicy(Source.REGISTRY, Mode.APPLY, Duration.ofHours(1), true, Duration.ofSeconds(30)));
    assertThat(state.containers().get("b").update())
        .isEqualTo(new UpdatePolicy(Source.REGISTRY, Mode.REPORT, Duration.ofHours(1), true, Duration.ofSeconds(30)));
    assertThat(state.containers().get("c").update())
        .isEqualTo(new UpdatePolicy(Source.LOCAL, Mode.APPLY, Duration.ofHours(1), false, Duration.ofSeconds(30)));
    assertThat(state.containers().get("d").update().enabled()).isFalse();
  }

  @Test
  void aDigestReferenceDoesNotInheritAPolicyFromTheDefaults() {
    DesiredState state = valid(withHeader(
        "defaults: { update: { policy: registry } }",
        "containers:",
        "  a: { image: \"app" + DIGEST + "\" }",
        "  b: { image: \"app" + DIGEST + "\", update: { policy: off, mode: report } }"));

    assertThat(state.containers().get("a").update().policy()).isEqualTo(Source.OFF);
    assertThat(state.containers().get("b").update().policy()).isEqualTo(Source.OFF);
  }

  @Test
  void aDigestReferenceWithItsOwnPolicyIsAnError() {
    onlyProblem(withHeader("containers:", "  a:", "    image: \"app" + DIGEST + "\"", "    update:", "      policy: local"),
        "update.reference", 7, 15, "update policy local cannot follow image \"app" + DIGEST + "\"",
        "write a tag (e.g. docker.io/library/app:latest) or policy off");
  }

  @Test
  void anImageThatIsNoReferenceCannotBeFollowed() {
    onlyProblem(withHeader("containers:", "  a: { image: \"Not An Image\", update: { policy: registry } }"),
        "update.reference", 4, 49, "update policy registry cannot follow image \"Not An Image\"");
  }

  @Test
  void wordsAndDurationsAreChecked() {
    onlyProblem(withHeader("containers:", "  a: { image: app, update: { policy: auto } }"),
        "value.enum", 4, 38, "policy \"auto\" must be one of off, registry, local");
    onlyProblem(withHeader("defaults: { update: { mode: dry-run } }"),
        "value.enum", 3, 29, "mode \"dry-run\" must be one of apply, report");
    onlyProblem(withHeader("defaults: { update: { interval: 0s } }"),
        "duration", 3, 33, "update.interval \"0s\" must be longer than 0");
    onlyProblem(withHeader("defaults: { update: { healthTimeout: soon } }"),
        "duration", 3, 38, "update.healthTimeout \"soon\"");
    onlyProblem(withHeader("defaults: { update: { polcy: registry } }"),
        "keys.unknown", 3, 23, "unknown key \"polcy\" in defaults.update (did you mean \"policy\"?)");
  }
}
