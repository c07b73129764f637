/**
 * Do: the {@link dev.podkeeper.agent.execute.Executor} runs a plan's actions with one small step class each,
 * independent branches in parallel, each after the actions it waits for succeeded; a failure skips its
 * dependents and the rest goes on. Error texts are the engine's or the system's own words with secret values
 * masked. A health wait asks the engine to run the check (Podman only schedules checks through systemd
 * timers) and treats "no health check known to the engine" as ready.
 */
package dev.podkeeper.agent.execute;
