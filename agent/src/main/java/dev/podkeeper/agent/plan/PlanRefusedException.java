package dev.podkeeper.agent.plan;

/** The planner will not plan this file against this world, e.g. it would remove every container. */
public class PlanRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlanRefusedException(String message) {
    super(message);
  }
}
