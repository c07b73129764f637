package dev.podkeeper.agent.status;

import dev.podkeeper.agent.reconcile.PassResult;

/** The one line that sums up a pass, for {@code systemctl status} (STATUS=) and the top of status. */
public final class PassSummary {
  private PassSummary() {}

  public static String of(PassResult pass) {
    String head = "pass " + pass.passId() + " (" + pass.trigger().word() + "): ";
    if (pass.abortedBecause().isPresent()) {
      return head + "not run: " + pass.abortedBecause().get();
    }
    return head + "converged " + pass.convergedObjects() + "/" + pass.desiredObjects()
        + ", " + pass.results().size() + " actions, " + pass.failures().size() + " failed, "
        + pass.skipped().size() + " skipped, " + pass.duration().toMillis() + " ms";
  }
}
