package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of a container's or unit's {@code routes:}. Exactly one of {@code path} (on a site) or {@code listen}
 * (a listener of its own) is meant; validation says so when the file gives both or neither.
 *
 * @param owner the container or unit the route belongs to, and its place in that one's list
 * @param port for a container route, which of its published host ports (needed when there are several)
 * @param upstream for a unit route, the {@code HOST:PORT} the service listens on
 */
public record RouteSpec(
    RouteOwner owner,
    Optional<String> path,
    Optional<String> site,
    Optional<String> listen,
    boolean stripPrefix,
    Optional<Integer> port,
    Optional<String> upstream) {

  public RouteSpec {
    requireNonNull(owner, "owner is null");
    requireNonNull(path, "path is null");
    requireNonNull(site, "site is null");
    requireNonNull(listen, "listen is null");
    requireNonNull(port, "port is null");
    requireNonNull(upstream, "upstream is null");
  }

  /**
   * Whose route it is: a container's or a unit's, and its index in that one's {@code routes:}.
   */
  public record RouteOwner(Kind kind, String name, int index) {
    public RouteOwner {
      requireNonNull(kind, "kind is null");
      requireNonNull(name, "name is null");
    }

    public enum Kind { CONTAINER, UNIT }

    public boolean isContainer() {
      return kind == Kind.CONTAINER;
    }
  }
}
