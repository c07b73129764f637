package dev.podkeeper.model.observed;

/** The engine's container states, folded to what reconcile distinguishes. */
public enum ContainerStatus {
  CREATED, RUNNING, PAUSED, RESTARTING, EXITED, STOPPING, REMOVING, DEAD, UNKNOWN
}
