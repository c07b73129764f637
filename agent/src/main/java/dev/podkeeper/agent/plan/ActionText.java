package dev.podkeeper.agent.plan;

/**
 * The one place that puts an action into words for people: the plan's lines, the reconcile log's skip
 * reasons and the status rows all say it this way, so that what {@code plan} announced is what the log
 * reports and {@code status} shows.
 */
public final class ActionText {
  private ActionText() {}

  /** {@code kind target: cause}, e.g. {@code recreate-container redis: spec changed: memory 256m → 512m}. */
  public static String line(Action action) {
    return action.kind().word() + " " + action.target() + ": " + action.cause();
  }

  /**
   * What an action waits for when it waits for {@code dependency}: {@code unit zigbee2mqtt.service},
   * {@code gluetun (healthy)}, {@code network media}, {@code env file vpn}, ...
   */
  public static String waitedFor(Action dependency) {
    String target = dependency.target();
    return switch (dependency.kind()) {
      case UNIT_START, UNIT_STOP, UNIT_ENABLE, UNIT_DISABLE -> "unit " + target;
      case AWAIT_HEALTHY -> target + " (healthy)";
      case FINISH_UPDATE_GATE -> target + " (update gate)";
      case CREATE_CONTAINER, RECREATE_CONTAINER, START_CONTAINER, RESTART_CONTAINER, REPORT_CLASH -> target;
      case REMOVE_CONTAINER -> "the removal of " + target;
      case CREATE_NETWORK -> "network " + target;
      case REMOVE_NETWORK -> "the removal of network " + target;
      case ENSURE_DIRECTORY -> "directory " + target;
      case WRITE_ENV_FILE -> "env file " + target;
      case SITE_ADD, SITE_UPDATE -> "site " + target;
      case SITE_REMOVE -> "the removal of site " + target;
      case ROUTE_ADD, ROUTE_UPDATE -> "route " + target;
      case ROUTE_REMOVE -> "the removal of route " + target;
    };
  }

  /** Why an action was skipped after {@code dependency} ended with {@code outcome}: {@code waiting for X, which failed}. */
  public static String skippedFor(Action dependency, Outcome outcome) {
    return "waiting for " + waitedFor(dependency) + ", which " + (outcome == Outcome.FAILED ? "failed" : "was skipped");
  }

  /** The same, said ahead of time by {@code plan} and a fresh {@code status}. */
  public static String willBeSkippedFor(Action dependency, Outcome outcome) {
    return "waiting for " + waitedFor(dependency) + ", which will "
        + (outcome == Outcome.FAILED ? "fail" : "be skipped");
  }

  /** An outcome known before the run: {@code will fail: REASON} or {@code will be skipped: REASON}. */
  public static String ahead(Outcome outcome, String reason) {
    return (outcome == Outcome.FAILED ? "will fail: " : "will be skipped: ") + reason;
  }
}
