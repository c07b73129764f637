package dev.podkeeper.agent.update;

/** When the registry is asked: only when a command says {@code --check-updates}, or on each policy's interval too. */
public enum UpdateSchedule {
  /** {@code plan} and {@code apply}: one process, one look, only when asked for. */
  ON_REQUEST,
  /** {@code run}: each followed reference once per interval (jittered), and whenever asked. */
  INTERVALS
}
