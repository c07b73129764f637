package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RouteSpec;
import java.util.List;
import java.util.Optional;

/**
 * Where a route sends its requests: for a container, a TCP port published on loopback by the container or, when
 * it lives in another's network namespace, by that provider; for a unit, its {@code upstream}. Validation and the
 * planner ask the same question here.
 */
public final class RouteTargets {
  private RouteTargets() {}

  /** The container that publishes ports for {@code container}: itself, or its namespace provider. */
  public static Optional<ContainerSpec> publisher(DesiredState state, String container) {
    return Optional.ofNullable(state.containers().get(container)).flatMap(c ->
        c.network() instanceof NetworkAttachment.ContainerNamespace ns
            ? Optional.ofNullable(state.containers().get(ns.provider()))
            : Optional.of(c));
  }

  /** The TCP ports {@code container} can be reached on through loopback, as published. */
  public static List<PortMapping> loopbackTcpPorts(DesiredState state, String container) {
    return publisher(state, container).map(p -> p.ports().stream()
            .filter(port -> port.protocol() == PortMapping.Protocol.TCP)
            .filter(port -> IpAddresses.parse(port.hostIp()).map(IpAddresses::isLoopback).orElse(false))
            .toList())
        .orElse(List.of());
  }

  /** {@code HOST:PORT} the proxy dials for this route; empty when the file does not say (validation reports it). */
  public static Optional<String> upstream(DesiredState state, RouteSpec route) {
    if (!route.owner().isContainer()) {
      return route.upstream();
    }
    List<PortMapping> ports = loopbackTcpPorts(state, route.owner().name());
    Optional<PortMapping> chosen = route.port().isPresent()
        ? ports.stream().filter(p -> p.hostPort() == route.port().get()).findFirst()
        : ports.size() == 1 ? Optional.of(ports.get(0)) : Optional.empty();
    return chosen.map(p -> dialable(p.hostIp()) + ":" + p.hostPort());
  }

  private static String dialable(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }
}
