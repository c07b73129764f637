package dev.podkeeper.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reconcile log's two formats (spec section 4): the fields, their order, quoting; its time order (section 9). */
class ReconcileLogTest {
  private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
  private static final Pattern TIME = Pattern.compile("^time=(\\S+) ");
  private static final ActionResult OK = new ActionResult(
      Action.of(ActionKind.RECREATE_CONTAINER, "sonarr", "spec changed: env, ports", new ActionInput.None()),
      Outcome.OK, AT, 412, Optional.empty());
  private static final ActionResult FAILED = new ActionResult(
      Action.of(ActionKind.CREATE_NETWORK, "media", "missing", new ActionInput.None()),
      Outcome.FAILED, AT, 3, Optional.of("create network media: \"media\" exists"));
  private static final PassResult PASS = new PassResult("ab12cd34", Trigger.FILE, AT, Duration.ofMillis(1500),
      List.of(OK, FAILED), 8, 9, Optional.empty(), 2);

  private final StringWriter out = new StringWriter();
  private final TestClock clock = new TestClock(AT.plusMillis(412));

  @Test
  void textIsOneKeyValueLinePerActionThenASummary() {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.TEXT, clock);

    log.action("ab12cd34", Trigger.FILE, OK);
    clock.set(AT.plusMillis(1500));
    log.action("ab12cd34", Trigger.FILE, FAILED);
    log.summary(PASS);

    assertThat(out.toString().lines()).containsExactly(
        "time=2025-06-01T10:00:00.412Z pass=ab12cd34 trigger=file action=recreate-container target=sonarr"
            + " cause=\"spec changed: env, ports\" outcome=ok duration_ms=412",
        "time=2025-06-01T10:00:01.500Z pass=ab12cd34 trigger=file action=create-network target=media cause=missing"
            + " outcome=failed duration_ms=3 error=\"create network media: \\\"media\\\" exists\"",
        "time=2025-06-01T10:00:01.500Z pass=ab12cd34 trigger=file converged=8/9 actions=2 failures=1 skipped=0"
            + " duration_ms=1500 engine_calls=2");
  }

  /** Actions run side by side: create-network started first but finished last (issue 16's 09.455 after 09.478). */
  @Test
  void linesAreInTimeOrderWhenActionsFinishOutOfOrder() {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.TEXT);
    Instant now = Instant.now();
    ActionResult network = new ActionResult(Action.of(ActionKind.CREATE_NETWORK, "media", "missing",
        new ActionInput.None()), Outcome.OK, now.minusMillis(60_000), 59_990, Optional.empty());
    ActionResult envFile = new ActionResult(Action.of(ActionKind.RECREATE_CONTAINER, "sonarr", "spec changed: env",
        new ActionInput.None()), Outcome.OK, now.minusMillis(30_000), 1, Optional.empty());

    log.action("ab12cd34", Trigger.STARTUP, envFile);
    log.action("ab12cd34", Trigger.STARTUP, network);
    log.summary(new PassResult("ab12cd34", Trigger.STARTUP, now.minusMillis(60_000), Duration.ofMillis(60_000),
        List.of(network, envFile), 9, 9, Optional.empty(), 2));

    List<Instant> times = out.toString().lines().map(line -> {
      Matcher time = TIME.matcher(line);
      assertThat(time.find()).as(line).isTrue();
      return Instant.parse(time.group(1));
    }).toList();
    assertThat(times).hasSize(3).isSorted();
  }

  @Test
  void aPassThatDidNothingByItselfIsNoLineButOneStillConvergedLineAnHour() {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.TEXT, clock);

    log.summary(quiet("p1", Trigger.STARTUP));
    for (int minute = 1; minute < 60; minute++) {
      clock.advance(Duration.ofMinutes(1));
      log.summary(quiet("r" + minute, minute % 2 == 0 ? Trigger.RESYNC : Trigger.EVENT));
    }
    assertThat(out.toString().lines()).singleElement().asString().contains("pass=p1 trigger=startup converged=9/9");

    clock.advance(Duration.ofMinutes(1));
    log.summary(quiet("r60", Trigger.RESYNC));
    clock.advance(Duration.ofMinutes(1));
    log.summary(quiet("r61", Trigger.FILE));

    assertThat(out.toString().lines()).hasSize(2).last().asString()
        .contains("pass=r60 trigger=resync converged=9/9 actions=0 failures=0 skipped=0 duration_ms=4 engine_calls=2")
        .endsWith("note=\"still converged\" quiet_passes=59");
  }

  @Test
  void passesThatDidSomethingWereAskedForOrEndedTroubleAlwaysHaveTheirSummary() {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.TEXT, clock);

    log.summary(quiet("p1", Trigger.STARTUP));
    log.summary(PASS);
    log.summary(quiet("p3", Trigger.MANUAL));
    log.summary(new PassResult("p4", Trigger.RESYNC, AT, Duration.ofMillis(4), List.of(), 0, 9,
        Optional.of("engine unreachable"), 1));
    log.summary(quiet("p5", Trigger.RESYNC));

    log.summary(quiet("p6", Trigger.RESYNC));

    assertThat(out.toString().lines()).hasSize(5).noneMatch(line -> line.contains("note="))
        .noneMatch(line -> line.contains("pass=p6"));
    assertThat(out.toString().lines()).last().asString().contains("pass=p5 trigger=resync converged=9/9");
  }

  /** {@code --log-every-pass}: benchmarks time the passes that do nothing, so each one has its line. */
  @Test
  void withoutAnIntervalEveryPassHasItsSummary() {
    ReconcileLog log = new ReconcileLog(LogSink.stream(new PrintWriter(out), LogFormat.TEXT), clock, Duration.ZERO);

    log.summary(quiet("p1", Trigger.STARTUP));
    log.summary(quiet("r1", Trigger.RESYNC));
    log.summary(quiet("r2", Trigger.RESYNC));

    assertThat(out.toString().lines()).hasSize(3).last().asString().contains("pass=r2 trigger=resync");
  }

  private static PassResult quiet(String passId, Trigger trigger) {
    return new PassResult(passId, trigger, AT, Duration.ofMillis(4), List.of(), 9, 9, Optional.empty(), 2);
  }

  @Test
  void jsonIsOneObjectPerLineWithEveryKey() throws Exception {
    ReconcileLog log = new ReconcileLog(new PrintWriter(out), LogFormat.JSON, clock);

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
