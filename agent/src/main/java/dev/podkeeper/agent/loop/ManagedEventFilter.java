package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.EngineEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which engine events are worth a pass: state changes (not exec, attach) of objects that carry this stack's
 * label or bear a name of the desired state (a container created by hand under a managed name is a clash to
 * report; a managed one removed by hand is to recreate), and images that a container follows locally
 * ({@code update: { policy: local }}) getting a new image under their name. Podman repeats
 * {@code health_status} at every check; only a change of health is news.
 */
public final class ManagedEventFilter implements Predicate<EngineEvent> {
  /**
   * Changes of state. Not {@code kill} (a signal sent) nor {@code restart}: Podman announces them before anything
   * happens, and the {@code died} and {@code start} that follow are the changes. A pass on the announcement finds
   * nothing to do, and when the change is delivered apart from it (Podman's file-backed event log delivers both in
   * one read most of the time) it holds the pass on the change back by up to the loop's 250 ms between event passes.
   */
  private static final Set<String> CONTAINER_ACTIONS = Set.of(
      "create", "start", "die", "died", "stop", "oom", "remove", "rename", "pause", "unpause", "health_status");
  private static final Set<String> NETWORK_ACTIONS = Set.of("create", "remove", "connect", "disconnect");
  private static final Set<String> IMAGE_ACTIONS = Set.of("tag", "pull", "build");

  private final Supplier<Optional<DesiredState>> desired;
  private final Map<String, String> lastHealth = new ConcurrentHashMap<>();

  public ManagedEventFilter(Supplier<Optional<DesiredState>> desired) {
    this.desired = requireNonNull(desired, "desired is null");
  }

  @Override
  public boolean test(EngineEvent event) {
    boolean interesting = switch (event.type()) {
      case "container" -> CONTAINER_ACTIONS.contains(event.action());
      case "network" -> NETWORK_ACTIONS.contains(event.action());
      case "image" -> IMAGE_ACTIONS.contains(event.action());
      default -> false;
    };
    return interesting && concernsManaged(event) && isNews(event);
  }

  private boolean concernsManaged(EngineEvent event) {
    Optional<DesiredState> state = desired.get();
    if (state.isEmpty()) {
      return false;
    }
    if (event.type().equals("image")) {
      return followedLocally(state.get(), event);
    }
    String labelled = event.attributes().get(Labels.STACK);
    if (state.get().stack().equals(labelled)) {
      return true;
    }
    String name = event.name();
    return event.type().equals("container")
        ? state.get().containers().containsKey(name)
        : state.get().networks().containsKey(name);
  }

  /**
   * A tag or pull under a name that a container follows locally; any build while one does, since its event names
   * only the new image's ID, not the tag it got. The file may spell the name short ({@code redis} for
   * {@code docker.io/library/redis:latest}).
   */
  private static boolean followedLocally(DesiredState state, EngineEvent event) {
    List<String> followed = state.containers().values().stream()
        .filter(c -> c.update().policy() == UpdatePolicy.Source.LOCAL).map(ContainerSpec::image).toList();
    if (event.action().equals("build")) {
      return !followed.isEmpty();
    }
    Optional<ImageReference> named = ImageReference.parse(event.name());
    return followed.stream().anyMatch(image -> image.equals(event.name())
        || named.isPresent() && named.equals(ImageReference.parse(image)));
  }

  private boolean isNews(EngineEvent event) {
    if (!event.action().equals("health_status")) {
      if (event.action().equals("die") || event.action().equals("remove")) {
        lastHealth.remove(event.id());
      }
      return true;
    }
    String health = event.attributes().getOrDefault("health_status", "");
    return !health.equals(lastHealth.put(event.id(), health));
  }
}
