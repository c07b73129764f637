/**
 * Decide: {@link dev.podkeeper.agent.plan.Planner#plan} turns the desired state and an
 * {@link dev.podkeeper.agent.plan.ObservedWorld} into an immutable {@link dev.podkeeper.agent.plan.Plan} of
 * {@link dev.podkeeper.agent.plan.Action}s, each with its cause and the actions it waits for. Pure: no I/O, no
 * clock; secrets arrive already read and stay {@link dev.podkeeper.agent.plan.Redacted}.
 *
 * <p>Choices where spec section 3 is silent:
 * <ul>
 *   <li>A network name held by an unmanaged network fails that network (and skips its containers), as a
 *       container name clash does: podkeeper neither adopts nor touches it.
 *   <li>A network whose spec hash differs is removed and created again; its containers (and their namespace
 *       members) are removed first and created after.
 *   <li>Paused, restarting, stopping or removing containers are left alone: someone is at them. Dead ones are
 *       recreated.
 *   <li>New and recreated containers wait for the removal of orphan containers, which may hold their name or a
 *       host port. Orphan networks wait for every container removal (the engine's list does not say which
 *       containers use a network). Orphans are ordered by namespace membership only: their dependsOn is gone
 *       with their spec.
 *   <li>Enabling a unit whose file state is static, generated, transient, indirect or alias is not attempted.
 *   <li>A container with a health check whose dependents act in a pass gets an await-healthy action, unless it
 *       has no action itself and is already healthy.
 * </ul>
 */
package dev.podkeeper.agent.plan;
