package dev.podkeeper.agent.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The last action on each object across the agent's passes, so that status can say what was done last. */
public final class StatusHistory {
  private final Map<ObjectKey, ActionStep> last = new HashMap<>();

  /** Records a pass's steps (a health wait does not hide the action it followed) and returns the history. */
  public synchronized Map<ObjectKey, ActionStep> record(List<ActionStep> steps) {
    for (ActionStep step : steps) {
      if (!step.isHealthWait() || !last.containsKey(step.key())) {
        last.put(step.key(), step);
      }
    }
    return Map.copyOf(last);
  }
}
