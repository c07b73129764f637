package dev.podkeeper.agent.graph;

import dev.podkeeper.agent.graph.StackGraph.Cluster;
import dev.podkeeper.agent.graph.StackGraph.Edge;
import dev.podkeeper.agent.graph.StackGraph.Line;
import dev.podkeeper.agent.graph.StackGraph.Node;
import dev.podkeeper.agent.graph.StackGraph.Shape;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RouteSpec;
import dev.podkeeper.model.graph.DependencyGraph;
import dev.podkeeper.model.validate.IpAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a desired state: each network a box, in it each namespace group (provider and members) a box of its
 * own; the host's addresses that publish ports (loopback, and any other address of a {@code lanAccess}
 * container, drawn to stand out); the reverse proxy with its routes; the units as native services; and the
 * {@code dependsOn} and {@code requiresUnits} edges. Pure: the file alone, in its own order.
 */
public final class StackGraphs {
  private final DesiredState desired;
  private final DependencyGraph dependencies;
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final List<Node> topNodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private StackGraphs(DesiredState desired) {
    this.desired = desired;
    this.dependencies = DependencyGraph.of(desired.containers());
  }

  public static StackGraph of(DesiredState desired) {
    return new StackGraphs(desired).build();
  }

  private StackGraph build() {
    List<Cluster> clusters = new ArrayList<>();
    desired.networks().values().forEach(network -> clusters.add(network(network.name(), label(network))));
    boolean defaultBridge = desired.containers().values().stream()
        .anyMatch(c -> c.network() instanceof NetworkAttachment.PodmanDefault);
    if (defaultBridge) {
      clusters.add(network(NetworkAttachment.PodmanDefault.NAME, "network podman (Podman's default bridge)"));
    }
    if (!desired.units().isEmpty()) {
      String id = id("units");
      List<Node> units = desired.units().keySet().stream()
          .map(name -> new Node(id("unit:" + name), name, Shape.UNIT)).toList();
      clusters.add(new Cluster(id, "native services (systemd units)", units, List.of()));
    }
    desired.containers().values().forEach(this::ports);
    routes();
    desired.containers().values().forEach(this::dependencyEdges);
    return new StackGraph("stack " + desired.stack(), clusters, topNodes, edges);
  }

  private static String label(NetworkSpec network) {
    return "network " + network.name() + network.subnet().map(subnet -> " (" + subnet + ")").orElse("");
  }

  /** The containers attached to {@code network} by name, each provider boxed with its namespace's members. */
  private Cluster network(String network, String label) {
    String id = id("network:" + network); // before its contents: ids follow the picture from the outside in
    List<Node> standalone = new ArrayList<>();
    List<Cluster> groups = new ArrayList<>();
    for (ContainerSpec container : desired.containers().values()) {
      if (!container.network().toString().equals(network)) {
        continue;
      }
      List<String> members = membersOf(container.name());
      if (members.isEmpty()) {
        standalone.add(container(container.name()));
      } else {
        String groupId = id("namespace:" + container.name());
        List<Node> group = new ArrayList<>(List.of(container(container.name())));
        members.forEach(member -> group.add(container(member)));
        groups.add(new Cluster(groupId, "network namespace of " + container.name(), group, List.of()));
      }
    }
    return new Cluster(id, label, standalone, groups);
  }

  /** Every container in {@code provider}'s namespace, also through a member's member, in the file's order. */
  private List<String> membersOf(String provider) {
    List<String> all = new ArrayList<>();
    for (String member : dependencies.namespaceMembersOf(provider)) {
      all.add(member);
      all.addAll(membersOf(member));
    }
    return all;
  }

  private Node container(String name) {
    return new Node(id("container:" + name), name, Shape.CONTAINER);
  }

  private void ports(ContainerSpec container) {
    for (PortMapping port : container.ports()) {
      boolean lan = IpAddresses.parse(port.hostIp()).map(ip -> !IpAddresses.isLoopback(ip)).orElse(true);
      String host = hostAddress(port.hostIp(), lan);
      edges.add(new Edge(host, ids.get("container:" + container.name()),
          port.hostPort() + " → " + port.containerPort() + "/" + port.protocol().lower(),
          lan ? Line.LAN_PORT : Line.PORT));
    }
  }

  private String hostAddress(String ip, boolean lan) {
    String key = "host:" + ip;
    if (!ids.containsKey(key)) {
      topNodes.add(new Node(id(key), "host " + ip + (lan ? "\n(lanAccess: reachable from the LAN)" : "\n(loopback)"),
          Shape.HOST_ADDRESS));
    }
    return ids.get(key);
  }

  private void routes() {
    if (desired.proxy().routes().isEmpty()) {
      return;
    }
    String proxy = id("proxy");
    topNodes.add(new Node(proxy, "reverse proxy (Caddy)\n" + desired.proxy().caddy(), Shape.PROXY));
    for (RouteSpec route : desired.proxy().routes()) {
      String owner = (route.owner().isContainer() ? "container:" : "unit:") + route.owner().name();
      String where = route.path().map(path -> route.site().map(site -> site + " ").orElse("") + path)
          .orElseGet(() -> "listen " + route.listen().orElse("?"));
      edges.add(new Edge(proxy, ids.get(owner), where, Line.ROUTE));
    }
  }

  private void dependencyEdges(ContainerSpec container) {
    String from = ids.get("container:" + container.name());
    container.dependsOn().forEach(dependency ->
        edges.add(new Edge(from, ids.get("container:" + dependency), "dependsOn", Line.DEPENDS_ON)));
    container.requiresUnits().forEach(unit ->
        edges.add(new Edge(from, ids.get("unit:" + unit), "requiresUnits", Line.REQUIRES_UNIT)));
  }

  /** The id of {@code key}, made on first use: n1, n2, ... in the order the picture meets them. */
  private String id(String key) {
    return ids.computeIfAbsent(key, k -> "n" + (ids.size() + 1));
  }
}
