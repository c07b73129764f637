package dev.podkeeper.agent.plan;

/** What an action does; {@link #word()} is how the plan and the log name it. */
public enum ActionKind {
  REMOVE_CONTAINER("remove-container", Domain.CONTAINER),
  REMOVE_NETWORK("remove-network", Domain.NETWORK),
  CREATE_NETWORK("create-network", Domain.NETWORK),
  ENSURE_DIRECTORY("ensure-directory", Domain.DIRECTORY),
  WRITE_ENV_FILE("write-env-file", Domain.ENV_FILE),
  UNIT_ENABLE("unit-enable", Domain.UNIT),
  UNIT_DISABLE("unit-disable", Domain.UNIT),
  UNIT_START("unit-start", Domain.UNIT),
  UNIT_STOP("unit-stop", Domain.UNIT),
  REPORT_CLASH("report-clash", Domain.CONTAINER),
  /** Pull if needed, create, start. */
  CREATE_CONTAINER("create-container", Domain.CONTAINER),
  /** Stop and remove the old container, then as {@link #CREATE_CONTAINER}. */
  RECREATE_CONTAINER("recreate-container", Domain.CONTAINER),
  START_CONTAINER("start-container", Domain.CONTAINER),
  /** Stop and start: a namespace member whose provider restarted keeps a dead namespace until then. */
  RESTART_CONTAINER("restart-container", Domain.CONTAINER),
  /** Waits until a container is healthy, for dependents that need it so. */
  AWAIT_HEALTHY("await-healthy", Domain.CONTAINER),
  /**
   * Finishes the health gate of an image update that an earlier process began (its container's labels say so):
   * waits for the verdict, and rolls back if it fails.
   */
  FINISH_UPDATE_GATE("finish-update-gate", Domain.CONTAINER),
  /** A reverse-proxy site: a server of podkeeper's own in Caddy, its listeners and no routes yet. */
  SITE_ADD("site-add", Domain.SITE),
  SITE_UPDATE("site-update", Domain.SITE),
  SITE_REMOVE("site-remove", Domain.SITE),
  /** A route on a site (its target is the path) or a listener of its own (its target is the address). */
  ROUTE_ADD("route-add", Domain.ROUTE),
  ROUTE_UPDATE("route-update", Domain.ROUTE),
  ROUTE_REMOVE("route-remove", Domain.ROUTE);

  /** The kind of object an action's target names. */
  public enum Domain { CONTAINER, NETWORK, DIRECTORY, ENV_FILE, UNIT, SITE, ROUTE }

  private final String word;
  private final Domain domain;

  ActionKind(String word, Domain domain) {
    this.word = word;
    this.domain = domain;
  }

  public String word() {
    return word;
  }

  public Domain domain() {
    return domain;
  }
}
