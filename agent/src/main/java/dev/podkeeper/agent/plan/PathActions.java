package dev.podkeeper.agent.plan;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ensure-directory actions of a plan by path, to make whatever lives under a directory wait for it. */
final class PathActions {
  private final Map<Path, String> byPath = new HashMap<>();

  void put(Path path, String actionId) {
    byPath.put(path, actionId);
  }

  /** The action for {@code path} itself or, failing that, for its nearest planned ancestor. */
  Optional<String> nearest(Path path) {
    for (Path p = path; p != null; p = p.getParent()) {
      String id = byPath.get(p);
      if (id != null) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** As {@link #nearest} but never the path itself: what a new directory or file waits for. */
  Optional<String> nearestAbove(Path path) {
    return path.getParent() == null ? Optional.empty() : nearest(path.getParent());
  }
}
