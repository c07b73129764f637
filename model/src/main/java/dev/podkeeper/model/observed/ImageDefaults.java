package dev.podkeeper.model.observed;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.HealthCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an image gives every container made from it unless told otherwise (its {@code Config}): a container's
 * value equal to one of these is the image's, not a choice to write down.
 *
 * @param entrypoint empty when the image has none
 * @param user empty for root
 * @param workdir empty when the image sets none
 */
public record ImageDefaults(List<String> command, List<String> entrypoint, Map<String, String> env, String user,
    String workdir, Map<String, String> labels, Optional<HealthCheck> health) {

  public static final ImageDefaults NONE =
      new ImageDefaults(List.of(), List.of(), Map.of(), "", "", Map.of(), Optional.empty());

  public ImageDefaults {
    command = List.copyOf(command);
    entrypoint = List.copyOf(entrypoint);
    env = Map.copyOf(env);
    requireNonNull(user, "user is null");
    requireNonNull(workdir, "workdir is null");
    labels = Map.copyOf(labels);
    requireNonNull(health, "health is null");
  }
}
