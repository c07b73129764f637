package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rule 7 and the stack name. */
class NameRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"hwc-server", "a", "0", "media2", "a-b-c"})
  void stackNames(String stack) {
    assertThat(valid("version: 1\nstack: " + stack + "\n").stack()).isEqualTo(stack);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HWC", "hwc_server", "-hwc", "hwc.server", "\"\""})
  void stackNamesThatAreNot(String stack) {
    onlyProblem("version: 1\nstack: " + stack + "\n", stack.equals("\"\"") ? "value.type" : "stack.name", 2, 8,
        stack.equals("\"\"") ? "stack must not be empty" : "must match [a-z0-9][a-z0-9-]*");
  }

  @Test
  void objectNames() {
    valid(withHeader("networks: { media_net.1: {}, Net-2: {} }", "envFiles: { vpn.env: { path: /e } }",
        "containers: { A.b_c-9: { image: i, network: media_net.1, aliases: [vpn.local] } }"));
    assertThat(problems(withHeader(
        "networks: { _n: {}, n: {} }",
        "envFiles: { /e: { path: /e } }",
        "containers:",
        "  web!: { image: i, network: n, aliases: [\"-x\"] }")))
        .extracting(Problem::toString).containsExactly(
            "stack.yaml:3:13: network name \"_n\" must match [a-zA-Z0-9][a-zA-Z0-9_.-]* [names]",
            "stack.yaml:4:13: env file name \"/e\" must match [a-zA-Z0-9][a-zA-Z0-9_.-]* [names]",
            "stack.yaml:6:3: container name \"web!\" must match [a-zA-Z0-9][a-zA-Z0-9_.-]* [names]",
            "stack.yaml:6:43: alias \"-x\" must match [a-zA-Z0-9][a-zA-Z0-9_.-]* [names]");
  }

  @Test
  void unitNamesEndInAUnitSuffix() {
    valid(withHeader("units:", "  a.service: {}", "  b.socket: {}", "  c.target: {}", "  d.mount: {}", "  e.automount: {}",
        "  f.swap: {}", "  g.path: {}", "  h.timer: {}", "  i.slice: {}", "  getty@tty1.service: {}",
        "  dev-disk-by\\x2dlabel-data.mount: {}"));
    assertThat(problems(withHeader("units:", "  jellyfin: {}", "  jellyfin.serivce: {}", "  my unit.service: {}")))
        .extracting(Problem::toString).containsExactly(
            "stack.yaml:4:3: unit \"jellyfin\" has no unit suffix (did you mean \"jellyfin.service\"?) [units.suffix]",
            "stack.yaml:5:3: unit \"jellyfin.serivce\" is not a systemd unit name: letters, digits and :_.-@, then a "
                + "suffix such as .service [units.suffix]",
            "stack.yaml:6:3: unit \"my unit.service\" is not a systemd unit name: letters, digits and :_.-@, then a "
                + "suffix such as .service [units.suffix]");
  }
}
