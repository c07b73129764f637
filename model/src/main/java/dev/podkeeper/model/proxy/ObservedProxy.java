package dev.podkeeper.model.proxy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The part of the reverse proxy's config podkeeper owns, as read in one go: its servers (in no particular order)
 * with their routes (in the proxy's order) and TLS, every listener the proxy's other servers hold (which podkeeper
 * must not take), and the ids of the TLS objects podkeeper owns (certificate policies and files, which live outside
 * the servers; see {@link ProxyIds#tlsObjects}).
 */
public record ObservedProxy(List<ProxyServer> servers, Set<String> foreignListeners, Set<String> tlsObjects) {
  public ObservedProxy {
    servers = List.copyOf(requireNonNull(servers, "servers is null"));
    foreignListeners = Set.copyOf(requireNonNull(foreignListeners, "foreignListeners is null"));
    tlsObjects = Set.copyOf(requireNonNull(tlsObjects, "tlsObjects is null"));
  }

  /** A proxy whose servers are all plain HTTP. */
  public ObservedProxy(List<ProxyServer> servers, Set<String> foreignListeners) {
    this(servers, foreignListeners, Set.of());
  }

  public static ObservedProxy empty() {
    return new ObservedProxy(List.of(), Set.of());
  }

  /** The first server with this id (the one the proxy's {@code /id/} resolves is not specified when there are two). */
  public Optional<ProxyServer> server(String id) {
    return servers.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The first route with this id, in any owned server. */
  public Optional<ProxyRoute> route(String id) {
    return routes().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The server holding the first route with this id. */
  public Optional<ProxyServer> serverOfRoute(String routeId) {
    return servers.stream().filter(s -> s.routes().stream().anyMatch(r -> r.id().equals(routeId))).findFirst();
  }

  /**
   * Ids that occur more than once (the proxy accepts a repeated {@code @id} silently), with how often. They are
   * cleaned up by deleting every copy and adding the object once.
   */
  public Map<String, Long> duplicateIds() {
    return Stream.concat(servers.stream().map(ProxyServer::id), routes().map(ProxyRoute::id))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The TLS objects of one server, sorted. */
  public List<String> tlsObjectsOf(String serverId) {
    return tlsObjects.stream().filter(o -> ProxyIds.serverOfTlsObject(o).equals(serverId)).sorted().toList();
  }

  /** Every owned id, sorted. */
  public Set<String> ids() {
    return Stream.concat(servers.stream().map(ProxyServer::id), routes().map(ProxyRoute::id))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Stream<ProxyRoute> routes() {
    return servers.stream().flatMap(s -> s.routes().stream());
  }
}
