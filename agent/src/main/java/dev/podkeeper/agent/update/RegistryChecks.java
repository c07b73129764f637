package dev.podkeeper.agent.update;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The registry checks of the stack's followed references: one HEAD per distinct reference per interval (the
 * shortest interval of the containers that follow it), each next check moved by up to a tenth of the interval
 * either way so that many agents, or many references, do not ask a registry all at the same second. Only what
 * was asked and answered is kept, in memory: a restarted agent asks again on its first pass.
 */
public final class RegistryChecks {
  /** A check's answer and when it was asked. */
  public record Checked(ManifestCheck answer, Instant at) {}

  private static final double JITTER = 0.1;

  private final ImageRegistry registry;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Map<String, Checked> latest = new ConcurrentHashMap<>();
  private final Map<String, Instant> due = new ConcurrentHashMap<>();

  /** @param random a value in [0, 1) per scheduled check, for the jitter */
  public RegistryChecks(ImageRegistry registry, Clock clock, DoubleSupplier random) {
    this.registry = registry;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Asks the registry about each followed reference whose check is due ({@code now}: every one); the number of
   * references asked.
   */
  public int checkDue(DesiredState desired, boolean now) {
    int asked = 0;
    for (Map.Entry<String, Duration> followed : followedReferences(desired).entrySet()) {
      String reference = followed.getKey();
      Instant at = clock.instant();
      if (!now && due.containsKey(reference) && at.isBefore(due.get(reference))) {
        continue;
      }
      ImageReference parsed = ImageReference.parse(reference).orElseThrow();
      latest.put(reference, new Checked(registry.manifestDigest(parsed), at));
      due.put(reference, at.plus(jittered(followed.getValue())));
      asked++;
    }
    return asked;
  }

  public Optional<Checked> latest(String image) {
    return Optional.ofNullable(latest.get(image));
  }

  /** Each image followed by the registry policy, with the shortest interval of the containers that follow it. */
  static Map<String, Duration> followedReferences(DesiredState desired) {
    Map<String, Duration> followed = new LinkedHashMap<>();
    for (ContainerSpec c : desired.containers().values()) {
      UpdatePolicy update = c.update();
      if (update.policy() == UpdatePolicy.Source.REGISTRY && ImageReference.parse(c.image()).isPresent()) {
        followed.merge(c.image(), update.interval(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return followed;
  }

  private Duration jittered(Duration interval) {
    double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
  }
}
