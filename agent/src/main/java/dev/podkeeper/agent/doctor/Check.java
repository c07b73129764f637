package dev.podkeeper.agent.doctor;

import java.util.List;

/** One check of {@code doctor}: a pure function of what was gathered, so that it is tested from fixtures. */
@FunctionalInterface
public interface Check {
  List<Finding> judge(DoctorFacts facts);

  /** Every check, in the order a person reads the report: the VPN first, the host objects last. */
  static List<Check> all() {
    return List.of(new NamespaceMembersCheck(), new TunnelRouteCheck(), new ContainerRunCheck(),
        new PublishedPortCheck(), new RouteUpstreamCheck(), new HostObjectsCheck(), new AgentViewCheck());
  }
}
