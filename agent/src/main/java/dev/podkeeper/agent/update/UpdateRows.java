package dev.podkeeper.agent.update;

import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status rows of followed images, one per container ({@code kind} {@code image-update}): the policy as desired,
 * the finding as actual, after the update gate still open on it if there is one. An update found, a gate open or a
 * check that failed does not make the stack unconverged: what the containers run is still what the file says.
 */
public final class UpdateRows {
  public static final String KIND = "image-update";

  private UpdateRows() {}

  /**
   * @param openGates the update gates still open, by container ({@link UpdateWatch#openGates}): said first in the
   *     row, as a gate's verdict decides what the container runs next
   */
  public static List<ObjectStatus> of(List<UpdateFinding> findings, Map<String, UpdateGate> openGates) {
    return findings.stream().map(f -> row(f, Optional.ofNullable(openGates.get(f.container())))).toList();
  }

  private static ObjectStatus row(UpdateFinding f, Optional<UpdateGate> gate) {
    String desired = "policy " + f.policy().policy().word() + ", mode " + f.policy().mode().word() + ", every "
        + f.policy().interval().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ", rollback "
        + f.policy().rollback();
    String actual = gate.map(g -> UpdateText.gate(g) + "; ").orElse("") + UpdateText.line(f);
    return new ObjectStatus(KIND, f.container(), desired, actual, ObjectState.OK, Optional.empty(),
        f.reason(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
