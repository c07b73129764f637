package dev.podkeeper.agent.doctor;

import dev.podkeeper.agent.status.ObjectStatus;
import dev.podkeeper.agent.status.StatusSnapshot;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running agent knows that the host does not show: an edit it refused, objects it backs off from, and
 * the last error of each. Without an agent nothing repairs the stack between applies, which is worth a warning.
 */
final class AgentViewCheck implements Check {
  static final String NAME = "agent";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    if (facts.agent().isEmpty()) {
      return List.of(Finding.warn(NAME, "podkeeper run", "no agent answers on " + facts.agentSocket()
          + ": nothing repairs this stack between applies", "`systemctl enable --now podkeeper`, or give the "
          + "agent's --status-socket"));
    }
    StatusSnapshot agent = facts.agent().get();
    List<Finding> findings = new ArrayList<>();
    if (!agent.notApplied().isEmpty()) {
      findings.add(Finding.fail(NAME, agent.file(), "the agent keeps the last good state: its latest edit is invalid",
          "fix the file (`podkeeper validate " + agent.file() + "`)").withDetails(agent.notApplied()));
    }
    for (ObjectStatus o : agent.objects()) {
      if (o.backingOffUntil().isPresent() || o.lastError().isPresent()) {
        String backoff = o.backingOffUntil().map(t -> "backing off until "
            + TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(facts.zone()))).orElse("");
        String error = o.lastError().map(e -> "last error: " + e).orElse("");
        findings.add(Finding.warn(NAME, o.kind() + " " + o.name(),
            String.join("; ", List.of(backoff, error).stream().filter(s -> !s.isEmpty()).toList()),
            "see the checks of " + o.name() + " above; the agent tries again by itself"));
      }
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(NAME, "podkeeper run", "pass " + agent.passId() + ": " + agent.summary()));
    }
    return findings;
  }
}
