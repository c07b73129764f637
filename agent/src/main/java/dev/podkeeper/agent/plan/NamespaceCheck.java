package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ContainerVerdict.Kind;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Finds a running namespace member left in a dead network namespace: when its provider (re)starts, Podman
 * gives the provider a new namespace and the member keeps the old one, with only {@code lo} left.
 */
final class NamespaceCheck {
  /** As the log's times, in UTC, to the second (the engine's StartedAt has no finer resolution). */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private NamespaceCheck() {}

  private static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** Why {@code member} must be restarted after its provider, if it must. */
  static Optional<String> deadNamespace(ObservedContainer member, ContainerVerdict provider) {
    String name = provider.name();
    if (provider.kind() == Kind.START) {
      return Optional.of("provider " + name + " is started after it (its namespace will be new)");
    }
    ObservedContainer p = provider.current().orElseThrow();
    if (provider.kind() != Kind.OK || !p.running()) {
      return Optional.empty();
    }
    if (p.startedAt().isPresent() && member.startedAt().isPresent()
        && p.startedAt().get().isAfter(member.startedAt().get())) {
      return Optional.of("provider " + name + " restarted " + time(p.startedAt().get()) + ", after it (started "
          + time(member.startedAt().get()) + ")");
    }
    if (p.networkNamespace().isPresent() && member.networkNamespace().isPresent()
        && !p.networkNamespace().equals(member.networkNamespace())) {
      return Optional.of("network namespace differs from provider's (" + member.networkNamespace().get() + " vs "
          + name + "'s " + p.networkNamespace().get() + ")");
    }
    return Optional.empty();
  }
}
