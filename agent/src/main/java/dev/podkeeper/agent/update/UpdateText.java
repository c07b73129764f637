package dev.podkeeper.agent.update;

import dev.podkeeper.agent.plan.UpdateGate;
import dev.podkeeper.agent.update.UpdateFinding.State;
import java.util.Optional;

/** A finding in the words plan and status use: the state, the image and what the digests are. */
public final class UpdateText {
  private UpdateText() {}

  public static String line(UpdateFinding f) {
    String digests = "running " + UpdateFinding.shortDigest(f.running());
    return switch (f.state()) {
      case NOT_CHECKED -> "policy " + f.policy().policy().word() + ", not checked yet; " + digests;
      case UP_TO_DATE -> "up to date (" + digests + ")";
      case UPDATE_AVAILABLE -> "update available: " + digests + " → " + UpdateFinding.shortDigest(f.available())
          + (f.policy().mode() == dev.podkeeper.model.desired.UpdatePolicy.Mode.REPORT ? " (mode report: not applied)" : "");
      case HELD_BACK -> "held back: " + UpdateFinding.shortDigest(f.available()) + " failed its health gate; "
          + digests + " until the tag moves again";
      case CHECK_FAILED -> "update check failed: " + f.reason().orElse("") + "; " + digests;
    } + f.lastCheck().map(at -> ", checked " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).orElse("");
  }

  /** A gate still open: {@code update gate open until 2026-…Z (sha256:aaaa → sha256:bbbb)}. */
  public static String gate(UpdateGate gate) {
    return "update gate open until " + gate.until() + " (" + UpdateFinding.shortDigest(gate.update().from()) + " → "
        + UpdateFinding.shortDigest(Optional.of(gate.update().to())) + ")";
  }

}
