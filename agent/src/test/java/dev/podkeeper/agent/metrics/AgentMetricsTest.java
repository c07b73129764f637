package dev.podkeeper.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.loop.PassRequest;
import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput;
import dev.podkeeper.agent.plan.ActionKind;
import dev.podkeeper.agent.plan.Outcome;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.model.port.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** From pass results and the status board to the exposition a scrape reads, with the contract's names. */
class AgentMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

  private final StatusBoard board = new StatusBoard();
  private final AgentMetrics metrics = new AgentMetrics(board, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aPassThatRestartsAKilledContainerCountsThePassTheActionAndTheRepair() throws IOException {
    metrics.finished(request(Trigger.EVENT), Optional.of(pass(Trigger.EVENT, Duration.ofMillis(30),
        ok(ActionKind.START_CONTAINER, "web", "exited 137 (killed)"))));

    String scraped = scrape();

    assertThat(scraped).contains(
        "podkeeper_passes_total{outcome=\"converged\",trigger=\"event\"} 1.0",
        "podkeeper_actions_total{action=\"start-container\",outcome=\"ok\"} 1.0",
        "podkeeper_repairs_total{cause=\"exited\"} 1.0",
        "podkeeper_pass_duration_seconds_bucket{le=\"0.05\"} 1",
        "podkeeper_pass_duration_seconds_bucket{le=\"0.025\"} 0",
        "podkeeper_pass_duration_seconds_count 1",
        "podkeeper_engine_up 1.0");
  }

  @Test
  void aFailedActionIsCountedButIsNoRepair() throws IOException {
    ActionResult failed = new ActionResult(action(ActionKind.START_CONTAINER, "web", "exited 1"), Outcome.FAILED, NOW,
        5, Optional.of("no such image"), Optional.of(FailureKind.PERMANENT));
    metrics.finished(request(Trigger.RESYNC), Optional.of(pass(Trigger.RESYNC, Duration.ofMillis(5), failed)));

    String scraped = scrape();

    assertThat(scraped).contains("podkeeper_passes_total{outcome=\"failed\",trigger=\"resync\"} 1.0",
        "podkeeper_actions_total{action=\"start-container\",outcome=\"failed\"} 1.0");
    assertThat(scraped).doesNotContain("podkeeper_repairs_total{");
  }

  @Test
  void anUnreachableEngineIsDownAndAPassThatThrewIsAnError() throws IOException {
    metrics.finished(request(Trigger.RESYNC), Optional.of(new PassResult("p1", Trigger.RESYNC, NOW,
        Duration.ofMillis(2), List.of(), 0, 3, Optional.of("engine unreachable"), 1,
        Optional.of(FailureKind.TRANSIENT), false)));
    metrics.finished(request(Trigger.FILE), Optional.empty());

    String scraped = scrape();

    assertThat(scraped).contains("podkeeper_engine_up 0.0",
        "podkeeper_passes_total{outcome=\"aborted\",trigger=\"resync\"} 1.0",
        "podkeeper_passes_total{outcome=\"error\",trigger=\"file\"} 1.0");
  }

  @Test
  void objectsAndBackoffAreWhatTheLatestStatusSays() throws IOException {
    board.publish(new StatusSnapshot(StatusSnapshot.AGENT, NOW, "/etc/podkeeper/stack.yaml", "media", "p9",
        "pass p9", List.of(
            row("container", "web", ObjectState.OK, Optional.empty()),
            row("container", "torrent", ObjectState.BACKING_OFF, Optional.of(NOW.plusSeconds(40))),
            row("network", "media-net", ObjectState.OK, Optional.empty()))));

    String scraped = scrape();

    assertThat(scraped).contains(
        "podkeeper_objects{kind=\"container\",state=\"ok\"} 1.0",
        "podkeeper_objects{kind=\"container\",state=\"backing-off\"} 1.0",
        "podkeeper_objects{kind=\"container\",state=\"missing\"} 0.0",
        "podkeeper_objects{kind=\"network\",state=\"ok\"} 1.0",
        "podkeeper_crashloop_backoff{container=\"torrent\"} 40.0",
        "podkeeper_crashloop_backoff{container=\"web\"} 0.0");
    assertThat(scraped).doesNotContain("kind=\"unit\"").doesNotContain("container=\"media-net\"");
  }

  @Test
  void imageUpdatesAreCountedByOutcome() throws IOException {
    metrics.countImageUpdate("updated");
    metrics.countImageUpdate("updated");
    metrics.countImageUpdate("failed");

    assertThat(scrape()).contains("podkeeper_image_updates_total{outcome=\"updated\"} 2.0",
        "podkeeper_image_updates_total{outcome=\"failed\"} 1.0");
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static PassRequest request(Trigger trigger) {
    return new PassRequest(1, Set.of(trigger));
  }

  private static PassResult pass(Trigger trigger, Duration duration, ActionResult... results) {
    long converged = List.of(results).stream().filter(ActionResult::ok).count();
    return new PassResult("p1", trigger, NOW, duration, List.of(results), (int) converged, results.length,
        Optional.empty(), 2);
  }

  static Action action(ActionKind kind, String target, String cause) {
    return Action.of(kind, target, cause, new ActionInput.None());
  }

  static ActionResult ok(ActionKind kind, String target, String cause) {
    return new ActionResult(action(kind, target, cause), Outcome.OK, NOW, 3, Optional.empty());
  }

  private static ObjectStatus row(String kind, String name, ObjectState state, Optional<Instant> backingOffUntil) {
    return new ObjectStatus(kind, name, "running", "running", state, backingOffUntil, Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
