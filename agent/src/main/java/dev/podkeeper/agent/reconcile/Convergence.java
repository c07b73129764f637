package dev.podkeeper.agent.reconcile;

import dev.podkeeper.agent.execute.ActionResult;
import dev.podkeeper.agent.plan.ActionKind.Domain;
import dev.podkeeper.agent.plan.ProxyObjects;
import dev.podkeeper.model.desired.DesiredState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the file's objects that are as declared after a pass: those with no failed or skipped action.
 * Orphans are not the file's objects; a failed removal shows among the failures instead.
 */
record Convergence(int converged, int total) {

  private record ObjectKey(Domain domain, String name) {}

  static Convergence of(DesiredState desired, List<ActionResult> results, boolean aborted) {
    Set<ObjectKey> objects = new HashSet<>();
    desired.containers().keySet().forEach(n -> objects.add(new ObjectKey(Domain.CONTAINER, n)));
    desired.networks().keySet().forEach(n -> objects.add(new ObjectKey(Domain.NETWORK, n)));
    desired.directories().forEach(d -> objects.add(new ObjectKey(Domain.DIRECTORY, d.path().toString())));
    desired.envFiles().keySet().forEach(n -> objects.add(new ObjectKey(Domain.ENV_FILE, n)));
    desired.units().keySet().forEach(n -> objects.add(new ObjectKey(Domain.UNIT, n)));
    ProxyObjects.of(desired).forEach(o -> objects.add(new ObjectKey(o.domain(), o.target())));
    if (aborted) {
      return new Convergence(0, objects.size());
    }
    Set<ObjectKey> unsettled = new HashSet<>();
    results.stream().filter(r -> !r.ok())
        .forEach(r -> unsettled.add(new ObjectKey(r.action().kind().domain(), r.action().target())));
    unsettled.retainAll(objects);
    return new Convergence(objects.size() - unsettled.size(), objects.size());
  }
}
