package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.EngineEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which engine events are worth a pass: state changes (not exec, attach, image pulls) of objects that carry
 * this stack's label or bear a name of the desired state (a container created by hand under a managed name
 * is a clash to report; a managed one removed by hand is to recreate). Podman repeats {@code health_status}
 * at every check; only a change of health is news.
 */
public final class ManagedEventFilter implements Predicate<EngineEvent> {
  private static final Set<String> CONTAINER_ACTIONS = Set.of(
      "create", "start", "restart", "die", "died", "stop", "kill", "oom", "remove", "rename",
      "pause", "unpause", "health_status");
  private static final Set<String> NETWORK_ACTIONS = Set.of("create", "remove", "connect", "disconnect");

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
      default -> false;
    };
    return interesting && concernsManaged(event) && isNews(event);
  }

  private boolean concernsManaged(EngineEvent event) {
    Optional<DesiredState> state = desired.get();
    if (state.isEmpty()) {
      return false;
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
