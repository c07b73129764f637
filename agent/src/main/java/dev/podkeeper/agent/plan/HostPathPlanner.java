package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.Directory;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import dev.podkeeper.model.validate.HostPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Listed directories (created if missing; a listed owner or mode enforced on the directory itself, never
 * recursively), then missing bind-mount sources, which podkeeper creates with the defaults before the
 * container exists: Podman's compat API would create them itself, owned by root. Nothing is ever deleted.
 */
final class HostPathPlanner {
  private final PlanBuilder plan;
  private final DesiredState desired;
  private final ObservedWorld world;
  private final Map<Path, DirectorySpec> listed = new LinkedHashMap<>();
  private final Set<Path> visited = new HashSet<>();
  private final PathActions actions = new PathActions();

  private HostPathPlanner(PlanBuilder plan, DesiredState desired, ObservedWorld world) {
    this.plan = plan;
    this.desired = desired;
    this.world = world;
    desired.directories().forEach(d -> listed.put(d.path(), d));
  }

  static PathActions plan(PlanBuilder plan, DesiredState desired, ObservedWorld world) {
    HostPathPlanner planner = new HostPathPlanner(plan, desired, world);
    desired.directories().forEach(planner::planListed);
    planner.planBindSources();
    return planner.actions;
  }

  private void planListed(DirectorySpec dir) {
    if (!visited.add(dir.path())) {
      return;
    }
    // A listed ancestor goes first, wherever the file lists it: its action must be earlier in the plan.
    for (Path p = dir.path().getParent(); p != null; p = p.getParent()) {
      if (listed.containsKey(p)) {
        planListed(listed.get(p));
        break;
      }
    }
    Optional<PathAttributes> found = world.attributes(dir.path());
    Optional<String> unreadable = world.unreadable(dir.path());
    Ownership owner = dir.owner().orElse(desired.defaults().owner());
    FileMode mode = dir.mode().orElse(desired.defaults().mode());
    String cause;
    if (unreadable.isPresent()) {
      cause = unreadable.get();
    } else if (found.isEmpty()) {
      cause = missing("missing", owner, mode);
    } else if (!found.get().directory()) {
      cause = "not a directory";
    } else {
      List<String> drift = new ArrayList<>();
      dir.owner().filter(o -> !o.equals(found.get().owner()))
          .ifPresent(o -> drift.add("owner " + found.get().owner() + ", want " + o));
      dir.mode().filter(m -> !m.equals(found.get().mode()))
          .ifPresent(m -> drift.add("mode " + found.get().mode() + ", want " + m));
      if (drift.isEmpty()) {
        return;
      }
      cause = String.join("; ", drift);
    }
    Action action = Action.of(ActionKind.ENSURE_DIRECTORY, dir.path().toString(), cause,
        new Directory(dir.path(), owner, mode, dir.owner(), dir.mode()));
    if (unreadable.isPresent()) {
      add(cannotLookAt(action, dir.path(), unreadable.get()));
      return;
    }
    add(found.isPresent() && !found.get().directory()
        ? action.failing(dir.path() + " exists and is not a directory")
        : action);
  }

  /** A path podkeeper could not look at is not missing: nothing is created in its place. */
  private static Action cannotLookAt(Action action, Path path, String why) {
    return action.failing(path + ": " + why + "; podkeeper leaves it alone: fix its permissions, or replace"
        + " the link with a directory");
  }

  private void planBindSources() {
    Map<Path, List<String>> users = new LinkedHashMap<>();
    for (ContainerSpec spec : desired.containers().values()) {
      for (VolumeMount volume : spec.volumes()) {
        Path source = Path.of(volume.source());
        if (volume.isBind() && !listed.containsKey(source) && world.attributes(source).isEmpty()) {
          // Unreadable or missing: either way the container cannot have it as it is.
          users.computeIfAbsent(source, p -> new ArrayList<>()).add(spec.name());
        }
      }
    }
    users.forEach((source, containers) -> {
      Optional<String> unreadable = world.unreadable(source);
      boolean system = HostPaths.SYSTEM_DIRECTORIES.contains(source);
      String seen = "missing bind-mount source of " + String.join(", ", containers);
      // A system directory is never created, so its cause must not promise an owner and mode.
      String cause = unreadable.map(why -> "bind-mount source of " + String.join(", ", containers) + ": " + why)
          .orElse(system ? seen : missing(seen, desired.defaults().owner(), desired.defaults().mode()));
      Action action = Action.of(ActionKind.ENSURE_DIRECTORY, source.toString(), cause,
          new Directory(source, desired.defaults().owner(), desired.defaults().mode(), Optional.empty(),
              Optional.empty()));
      if (unreadable.isPresent()) {
        // Podman would mount whatever a planted link points to: the container waits until the source is safe.
        action = cannotLookAt(action, source, unreadable.get());
      } else if (system) {
        action = action.failing(source + " is a system directory; podkeeper does not create it (with the stack's"
            + " owner). Check the volume's source");
      }
      add(action);
    });
  }

  /** What was seen, and what the directory will be: {@code missing, will be created 1000:1000 0755}. */
  private static String missing(String seen, Ownership owner, FileMode mode) {
    return seen + ", will be created " + owner + " " + mode;
  }

  private void add(Action action) {
    Path path = action.input(Directory.class).path();
    actions.put(path, plan.add(action.waitingFor(actions.nearestAbove(path).stream().toList())));
  }
}
