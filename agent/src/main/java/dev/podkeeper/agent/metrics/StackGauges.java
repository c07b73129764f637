package dev.podkeeper.agent.metrics;

import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusBoard;
import dev.podkeeper.agent.status.StatusSnapshot;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gauges read from the latest status snapshot when scraped, so they say what {@code podkeeper status} says:
 * how many objects of each kind are in each state (every state of a kind present, zeros included, so that
 * sums and ratios need no {@code or vector(0)}), and for each container how long its crash-loop backoff still
 * holds it (0: it may start).
 */
final class StackGauges {
  private StackGauges() {}

  static void register(PrometheusRegistry registry, StatusBoard board, Clock clock) {
    GaugeWithCallback.builder().name("podkeeper_objects")
        .help("The stack's objects as of the last pass, by kind and state (as podkeeper status shows them)")
        .labelNames("kind", "state")
        .callback(callback -> board.latest().ifPresent(snapshot -> {
          for (String kind : kinds(snapshot)) {
            for (ObjectState state : ObjectState.values()) {
              callback.call(count(snapshot.objects(), kind, state), kind, state.word());
            }
          }
        }))
        .register(registry);
    GaugeWithCallback.builder().name("podkeeper_crashloop_backoff")
        .help("Seconds until the crash-loop backoff lets the container start again; 0 when it may start")
        .labelNames("container")
        .callback(callback -> board.latest().ifPresent(snapshot -> {
          Instant now = clock.instant();
          snapshot.objects().stream().filter(o -> o.kind().equals("container")).forEach(o -> callback.call(
              o.backingOffUntil().map(until -> secondsLeft(now, until)).orElse(0.0), o.name()));
        }))
        .register(registry);
  }

  private static Set<String> kinds(StatusSnapshot snapshot) {
    Set<String> kinds = new LinkedHashSet<>();
    snapshot.objects().forEach(o -> kinds.add(o.kind()));
    return kinds;
  }

  private static long count(List<ObjectStatus> objects, String kind, ObjectState state) {
    return objects.stream().filter(o -> o.kind().equals(kind) && o.state() == state).count();
  }

  private static double secondsLeft(Instant now, Instant until) {
    return Math.max(0, Duration.between(now, until).toMillis() / 1000.0);
  }
}
