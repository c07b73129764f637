package dev.podkeeper.agent.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's "VPN not working (qBittorrent shows home IP)": a member of {@code network: container:X} must run
 * in X's network namespace now. After X restarts, a member that kept running is left in X's old namespace,
 * which has only {@code lo}: no traffic at all, or (with a firewall gone) not through the VPN.
 */
final class NamespaceMembersCheck implements Check {
  static final String NAME = "namespace";

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    for (ContainerFacts member : facts.containers().values()) {
      member.spec().namespaceProvider().flatMap(facts::container).ifPresent(provider -> {
        if (member.running()) {
          findings.add(judge(member, provider));
        }
      });
    }
    return findings;
  }

  private static Finding judge(ContainerFacts member, ContainerFacts provider) {
    String m = member.name();
    String p = provider.name();
    if (!provider.running()) {
      return Finding.fail(NAME, m, m + " runs in the namespace of " + p + ", which does not run",
          "start " + p + " and then restart " + m + " (`podkeeper apply` does both in that order)");
    }
    if (member.netns().isEmpty() || provider.netns().isEmpty()) {
      return Finding.warn(NAME, m, "cannot read /proc/" + member.process().pid() + "/ns/net or /proc/"
          + provider.process().pid() + "/ns/net", "run doctor as root");
    }
    String mine = member.netns().get();
    String theirs = provider.netns().get();
    if (!mine.equals(theirs)) {
      return Finding.fail(NAME, m, m + " (pid " + member.process().pid() + ") is in " + mine + ", " + p + " (pid "
          + provider.process().pid() + ") in " + theirs + ": " + m + " kept the namespace of a " + p
          + " that restarted, a dead one", "restart " + m + ": `podman restart " + m
          + "`, or `podkeeper apply` (a running agent does it by itself)");
    }
    return Finding.ok(NAME, m, "shares " + theirs + " with " + p);
  }
}
