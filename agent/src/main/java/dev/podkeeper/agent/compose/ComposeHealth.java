package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.write.DocNode;
import dev.podkeeper.model.write.DocNode.Mapping;
import java.util.List;
import java.util.Optional;

/** Compose's {@code healthcheck} as podkeeper's {@code health}; empty when compose disables the check. */
final class ComposeHealth {
  private ComposeHealth() {}

  static Optional<Mapping> map(String key, JsonNode check) throws ComposeImportException {
    if (check.path("disable").asBoolean(false)) {
      return Optional.empty();
    }
    JsonNode testNode = check.path("test");
    // A string is run by a shell, as CMD-SHELL; a list says how itself.
    List<String> test = testNode.isArray() ? ComposeValues.strings(testNode) : List.of("CMD-SHELL", testNode.asText());
    if (testNode.isMissingNode() || test.isEmpty() || test.get(0).equals("NONE")) {
      return Optional.empty();
    }
    Mapping health = new Mapping();
    health.put("test", DocNode.texts(test));
    for (String[] names : new String[][] {{"interval", "interval"}, {"timeout", "timeout"},
        {"start_period", "startPeriod"}}) {
      if (check.hasNonNull(names[0])) {
        health.put(names[1], ComposeValues.duration(key + "." + names[0], check.get(names[0]).asText()));
      }
    }
    if (check.hasNonNull("retries")) {
      health.put("retries", DocNode.literal(check.get("retries").asInt()));
    }
    if (check.hasNonNull("start_interval")) {
      health.comment("start_interval: " + check.get("start_interval").asText()
          + " has no counterpart: podkeeper checks every interval");
    }
    return Optional.of(health);
  }
}
