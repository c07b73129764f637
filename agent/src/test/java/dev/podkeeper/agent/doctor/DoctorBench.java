package dev.podkeeper.agent.doctor;

import dev.podkeeper.agent.observe.WorldObserver;
import dev.podkeeper.agent.status.StatusSnapshot;
import dev.podkeeper.agent.testing.Harness;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.ContainerEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Doctor's gathering over the in-memory engine, systemd and host files ({@link Harness}) and a {@code /proc} of
 * fixtures, so that each check is judged on facts gathered as the command gathers them.
 */
final class DoctorBench {
  static final Path SOCKET = Path.of("/run/podkeeper/status.sock");
  final Harness harness = new Harness();
  final FixtureProcFs proc = new FixtureProcFs();
  final FixtureProbes probes = new FixtureProbes();

  /** Each running container's {@code /proc/PID/ns/net} says the namespace the engine reports for it. */
  DoctorBench mirrorNamespaces() {
    proc.mirrorNamespaces(harness.engine);
    return this;
  }

  long pid(String container) {
    return harness.engine.inspectProcess(harness.id(container)).pid();
  }

  long conmon(String container) {
    return harness.engine.inspectProcess(harness.id(container)).conmonPid();
  }

  DoctorFacts facts(DesiredState desired) {
    return facts(desired, Optional.empty());
  }

  DoctorFacts facts(DesiredState desired, Optional<StatusSnapshot> agent) {
    return facts(desired, agent, harness.engine);
  }

  /** Gathered through {@code engine}, e.g. the bench's engine behind a wrapper that changes it mid-look. */
  DoctorFacts facts(DesiredState desired, Optional<StatusSnapshot> agent, ContainerEngine engine) {
    return new FactsGatherer(engine, new WorldObserver(engine, harness.units, harness.files), proc, probes,
        harness.clock).gather(desired, agent, SOCKET, true);
  }

  List<Finding> judge(Check check, DesiredState desired) {
    return check.judge(facts(desired));
  }

  /** A {@code /proc/net/tcp} line of a socket listening on {@code ip:port}. */
  static String tcpListenLine(String ip, int port, long inode) {
    String[] o = ip.split("\\.");
    String hex = String.format("%02X%02X%02X%02X:%04X", Integer.parseInt(o[3]), Integer.parseInt(o[2]),
        Integer.parseInt(o[1]), Integer.parseInt(o[0]), port);
    return "   0: " + hex + " 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 " + inode
        + " 1 0000000000000000 100 0 0 10 0\n";
  }
}
