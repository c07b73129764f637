/**
 * {@code podkeeper doctor}: the seed's troubleshooting guide as checks of the live host against the file.
 * Gathering ({@link dev.podkeeper.agent.doctor.FactsGatherer}, through the engine, {@link
 * dev.podkeeper.agent.doctor.ProcFs} and {@link dev.podkeeper.agent.doctor.Probes}) is kept apart from judging:
 * each {@link dev.podkeeper.agent.doctor.Check} is a pure function from {@link
 * dev.podkeeper.agent.doctor.DoctorFacts} to findings. Nothing here changes anything.
 */
package dev.podkeeper.agent.doctor;
