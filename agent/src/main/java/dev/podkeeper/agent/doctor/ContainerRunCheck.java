package dev.podkeeper.agent.doctor;

import dev.podkeeper.agent.plan.ExitCause;
import dev.podkeeper.model.observed.ContainerStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's "container won't start": every container of the file exists and runs; one that does not says how
 * its last run ended and shows the tail of its log, which is where the reason is.
 */
final class ContainerRunCheck implements Check {
  static final String NAME = "container";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    for (ContainerFacts c : facts.containers().values()) {
      findings.add(judge(c, facts.zone()));
    }
    return findings;
  }

  static Finding judge(ContainerFacts c, ZoneId zone) {
    String name = c.name();
    if (c.observed().isEmpty()) {
      return Finding.fail(NAME, name, "no container " + name + " of this stack", "`podkeeper apply` creates it");
    }
    ObservedContainer o = c.observed().get();
    if (c.running()) {
      return Finding.ok(NAME, name, "running (pid " + c.process().pid() + ")"
          + o.startedAt().map(t -> " since " + TIME.format(t.atZone(zone))).orElse(""));
    }
    if (o.exitCode().isEmpty() && o.status() == ContainerStatus.CREATED) {
      return Finding.fail(NAME, name, "created, never started", "`podman start " + name + "` shows the engine's "
          + "reason (a taken port: see the port checks of " + name + ")").withDetails(c.logTail());
    }
    String how = o.exitCode().isPresent()
        ? ExitCause.of(o)
        : o.status().name().toLowerCase(java.util.Locale.ROOT) + ", not running";
    String fix = c.logTail().isEmpty()
        ? "`podman logs " + name + "` may say why; fix that, then `podkeeper apply` starts it"
        : "the log above says why; fix that, then `podkeeper apply` starts it (the agent retries with backoff)";
    return Finding.fail(NAME, name, how + (c.logTail().isEmpty() ? "; its log is empty" : "; the last of its log:"),
        fix).withDetails(c.logTail());
  }
}
