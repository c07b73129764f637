package dev.podkeeper.agent.testing;

import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Changes to an observed container, for {@link WorldBuilder#container}: what the world did behind our back. */
public final class Observed {
  private Observed() {}

  public static UnaryOperator<ObservedContainer> status(ContainerStatus status) {
    return c -> new ObservedContainer(c.id(), c.name(), c.image(), c.labels(), status,
        status == ContainerStatus.RUNNING ? c.health() : HealthStatus.NONE, c.startedAt(), c.namespaceProviderId(),
        status == ContainerStatus.RUNNING ? c.networkNamespace() : Optional.empty());
  }

  /** Exited, with how the run ended: {@code oom} as the engine reports a kernel OOM kill (exit 137). */
  public static UnaryOperator<ObservedContainer> exited(int code, boolean oom) {
    return c -> status(ContainerStatus.EXITED).apply(c).withExit(Optional.of(code), oom);
  }

  public static UnaryOperator<ObservedContainer> health(HealthStatus health) {
    return c -> new ObservedContainer(c.id(), c.name(), c.image(), c.labels(), c.status(), health, c.startedAt(),
        c.namespaceProviderId(), c.networkNamespace());
  }

  public static UnaryOperator<ObservedContainer> startedAt(Instant at) {
    return c -> new ObservedContainer(c.id(), c.name(), c.image(), c.labels(), c.status(), c.health(),
        Optional.of(at), c.namespaceProviderId(), c.networkNamespace());
  }

  public static UnaryOperator<ObservedContainer> namespace(String namespace) {
    return c -> new ObservedContainer(c.id(), c.name(), c.image(), c.labels(), c.status(), c.health(), c.startedAt(),
        c.namespaceProviderId(), Optional.of(namespace));
  }

  public static UnaryOperator<ObservedContainer> providerId(String providerId) {
    return c -> new ObservedContainer(c.id(), c.name(), c.image(), c.labels(), c.status(), c.health(), c.startedAt(),
        Optional.of(providerId), c.networkNamespace());
  }

  public static UnaryOperator<ObservedContainer> label(String key, String value) {
    return c -> {
      Map<String, String> labels = new HashMap<>(c.labels());
      labels.put(key, value);
      return new ObservedContainer(c.id(), c.name(), c.image(), labels, c.status(), c.health(), c.startedAt(),
          c.namespaceProviderId(), c.networkNamespace());
    };
  }
}
