package dev.podkeeper.agent.plan;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.Set;

/**
 * {@code --adopt NAME}: the user's consent to replace the container of that name, made by hand, by the
 * declared one. Only a container with no podkeeper label at all is adopted: one of another stack stays that
 * stack's (its own way out is in {@link NameClash}).
 */
public final class Adoption {
  /** The cause an adopted container's replacement carries. */
  public static final String CAUSE = "adopted (was unmanaged)";

  private Adoption() {}

  public static boolean adopts(Set<String> adopt, ObservedContainer found) {
    return adopt.contains(found.name()) && !found.labels().containsKey(Labels.STACK);
  }
}
