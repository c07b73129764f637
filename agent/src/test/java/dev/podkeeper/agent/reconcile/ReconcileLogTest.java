package dev.podkeeper.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reconcile log's two formats (spec section 4): the fields, their order, quoting. */
class ReconcileLogTest {
  private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
  private static final ActionResult OK = new ActionResult(
      Action.of(ActionKind.RECREATE_CONTAINER, "sonarr", "spec changed: env, ports", new ActionInput.None()),
      Outcome.OK, AT, 412, Optional.empty());
  private static final ActionResult FAILED = new ActionResult(
      Action.of(ActionKind.CREATE_NETWORK, "media", "missing", new ActionInput.None()),
      Outcome.FAILED, AT, 3, Optional.of("create network media: \"media\" exists"));
  private static final PassResult PASS = new PassResult("ab12cd34", Trigger.FILE, AT, Duration.ofMillis(1500),
      List.of(OK, FAILED), 8, 9, Optional.empty(), 2);

  private final StringWriter out = new StringWriter();

  @Test
  void textIsOneKeyValueLinePerActionThenASummary() {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.TEXT);

    log.action("ab12cd34", Trigger.FILE, OK);
    log.action("ab12cd34", Trigger.FILE, FAILED);
    log.summary(PASS);

    assertThat(out.toString().lines()).containsExactly(
        "time=2025-06-01T10:00:00Z pass=ab12cd34 trigger=file action=recreate-container target=sonarr"
            + " cause=\"spec changed: env, ports\" outcome=ok duration_ms=412",
        "time=2025-06-01T10:00:00Z pass=ab12cd34 trigger=file action=create-network target=media cause=missing"
            + " outcome=failed duration_ms=3 error=\"create network media: \\\"media\\\" exists\"",
        "time=2025-06-01T10:00:01.500Z pass=ab12cd34 trigger=file converged=8/9 actions=2 failures=1 skipped=0"
            + " duration_ms=1500 engine_calls=2");
  }

  @Test
  void jsonIsOneObjectPerLineWithEveryKey() throws Exception {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.JSON);

    log.action("ab12cd34", Trigger.FILE, FAILED);
    log.summary(PASS);

    List<JsonNode> lines = out.toString().lines().map(ReconcileLogTest::json).toList();
    assertThat(lines.get(0).fieldNames()).toIterable().containsExactly("time", "pass", "trigger", "action", "target",
        "cause", "outcome", "duration_ms", "error");
    assertThat(lines.get(0).get("error").asText()).isEqualTo("create network media: \"media\" exists");
    assertThat(lines.get(0).get("duration_ms").asLong()).isEqualTo(3);
    assertThat(lines.get(1).get("converged").asText()).isEqualTo("8/9");
    assertThat(lines.get(1).get("aborted").isNull()).isTrue();
    assertThat(lines.get(1).get("engine_calls").asLong()).isEqualTo(2);
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
