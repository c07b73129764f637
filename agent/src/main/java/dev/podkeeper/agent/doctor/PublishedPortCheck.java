package dev.podkeeper.agent.doctor;

import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.PortMapping.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's "port already in use" and its golden rule (services on 127.0.0.1 only). With rootful Podman and
 * netavark the traffic goes by iptables DNAT, and the container's conmon holds a socket bound to each published
 * host port, so the host's socket table shows conmon there (as {@code ss -ltnp} does). The check therefore
 * says: a socket on the port held by another process is a clash, named with its pid and command; the
 * container's own sockets must be on the declared address only; and a TCP port must answer a connect, which
 * goes through the DNAT to the service itself (an engine that holds no socket is judged by the connect alone).
 */
final class PublishedPortCheck implements Check {
  static final String NAME = "port";

  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    for (ContainerFacts c : facts.containers().values()) {
      for (PortMapping port : c.spec().ports()) {
        findings.add(judge(c, port, facts));
      }
    }
    return findings;
  }

  static Finding judge(ContainerFacts c, PortMapping port, DoctorFacts facts) {
    String name = c.name();
    String declared = new Listener(port.protocol(), port.hostIp(), port.hostPort(), 0).toString();
    String subject = name + " " + declared;
    List<Listener> onPort = facts.listeners().stream()
        .filter(l -> l.protocol() == port.protocol() && l.port() == port.hostPort()).toList();
    List<Listener> ours = onPort.stream().filter(l -> ownedBy(c, l, facts)).toList();
    List<Listener> clashing = onPort.stream().filter(l -> !ours.contains(l))
        .filter(l -> l.wildcard() || l.address().equals(port.hostIp()) || port.hostIp().equals("0.0.0.0")).toList();
    if (!clashing.isEmpty()) {
      Listener other = clashing.get(0);
      return Finding.fail(NAME, subject, other + " is taken by " + holder(other, facts)
          + (c.running() ? "" : ", so " + name + " cannot publish it"),
          "stop that process, or publish " + name + " on another port; then `podkeeper apply`");
    }
    List<Listener> elsewhere = ours.stream().filter(l -> !l.address().equals(port.hostIp())).toList();
    if (!elsewhere.isEmpty()) {
      return Finding.fail(NAME, subject, name + " also listens on " + elsewhere.get(0) + ", not only on " + declared,
          "`podkeeper apply` recreates " + name + " with the ports of the file (a container made by hand?)");
    }
    if (!c.running()) {
      return Finding.fail(NAME, subject, "nothing listens on " + declared + ": " + name + " does not run",
          "see the container check of " + name);
    }
    String held = ours.isEmpty() ? "no host socket (the engine forwards it)"
        : "held by its conmon (pid " + c.process().conmonPid() + ")";
    if (port.protocol() == Protocol.UDP) {
      return ours.isEmpty()
          ? Finding.warn(NAME, subject, "no socket is bound to " + declared + " and UDP cannot be probed",
              "check that Podman published it: `podman port " + name + "`")
          : Finding.ok(NAME, subject, held);
    }
    Optional<Probes.Answer> connect = Optional.ofNullable(facts.connects().get(DoctorFacts.dialable(port.hostIp(),
        port.hostPort())));
    if (connect.map(Probes.Answer::answered).orElse(false)) {
      return Finding.ok(NAME, subject, held + "; a connect is answered");
    }
    String why = connect.map(Probes.Answer::why).orElse("not tried");
    return Finding.fail(NAME, subject, held + ", but a connect gets " + why + ": nothing answers on port "
        + port.containerPort() + " of " + name, "the service behind it" + members(c, facts) + " must listen on "
        + port.containerPort() + " on all its addresses, not only 127.0.0.1 (`podman logs " + name + "`)");
  }

  /** A provider publishes its members' ports: one of them may be what should answer. */
  private static String members(ContainerFacts provider, DoctorFacts facts) {
    List<String> members = facts.containers().values().stream()
        .filter(m -> m.spec().namespaceProvider().equals(Optional.of(provider.name()))).map(ContainerFacts::name)
        .toList();
    return members.isEmpty() ? "" : " (in " + provider.name() + " or its namespace members " + String.join(", ", members)
        + "; a member in a dead namespace cannot: see the namespace check)";
  }

  /** The container's conmon holds it: Podman's reservation of the port while the container runs. */
  private static boolean ownedBy(ContainerFacts c, Listener l, DoctorFacts facts) {
    HostProcess owner = facts.owners().get(l.inode());
    return owner != null && c.process().conmonPid() > 0 && owner.pid() == c.process().conmonPid();
  }

  private static String holder(Listener l, DoctorFacts facts) {
    HostProcess owner = facts.owners().get(l.inode());
    return owner != null ? owner.toString()
        : "a process doctor could not name (socket inode " + l.inode() + "; as root, `ss -ltnup` names it)";
  }
}
