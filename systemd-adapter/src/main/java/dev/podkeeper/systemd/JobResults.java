package dev.podkeeper.systemd;

/** What a JobRemoved result other than "done" means, in the words of org.freedesktop.systemd1(5). */
final class JobResults {
  private JobResults() {}

  static String explain(String result) {
    return switch (result) {
      case "failed" -> "the unit failed to start or stop";
      case "canceled" -> "the job was canceled before it finished, e.g. by a conflicting job";
      case "timeout" -> "the unit's own start or stop timeout expired";
      case "dependency" -> "a unit it depends on failed";
      case "skipped" -> "the job did not apply to the unit's state";
      case "invalid" -> "the job is invalid for this unit";
      default -> "unexpected result";
    };
  }
}
