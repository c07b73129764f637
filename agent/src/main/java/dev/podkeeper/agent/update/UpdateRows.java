package dev.podkeeper.agent.update;

import dev.podkeeper.agent.status.ObjectState;
import dev.podkeeper.agent.status.ObjectStatus;
import java.util.List;
import java.util.Optional;

/**
 * The status rows of followed images, one per container ({@code kind} {@code image-update}): the policy as desired,
 * the finding as actual. An update found or a check that failed does not make the stack unconverged: what the
 * containers run is still what the file says.
 */
public final class UpdateRows {
  public static final String KIND = "image-update";

  private UpdateRows() {}

  public static List<ObjectStatus> of(List<UpdateFinding> findings) {
    return findings.stream().map(UpdateRows::row).toList();
  }

  private static ObjectStatus row(UpdateFinding f) {
    String desired = "policy " + f.policy().policy().word() + ", mode " + f.policy().mode().word() + ", every "
        + f.policy().interval().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ", rollback "
        + f.policy().rollback();
    return new ObjectStatus(KIND, f.container(), desired, UpdateText.line(f), ObjectState.OK, Optional.empty(),
        f.reason(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
