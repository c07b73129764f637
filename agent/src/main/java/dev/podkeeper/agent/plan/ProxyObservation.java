package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.proxy.ObservedProxy;
import java.util.Optional;

/**
 * What the pass saw of the reverse proxy: its podkeeper-owned part, or why it could not be read. A file without
 * {@code proxy:} or routes does not read the proxy at all.
 */
public record ProxyObservation(Optional<ObservedProxy> proxy, Optional<String> unreachable) {
  public ProxyObservation {
    requireNonNull(proxy, "proxy is null");
    requireNonNull(unreachable, "unreachable is null");
    if (proxy.isPresent() && unreachable.isPresent()) {
      throw new IllegalArgumentException("a proxy read is either seen or unreachable");
    }
  }

  public static ProxyObservation notRead() {
    return new ProxyObservation(Optional.empty(), Optional.empty());
  }

  public static ProxyObservation seen(ObservedProxy proxy) {
    return new ProxyObservation(Optional.of(proxy), Optional.empty());
  }

  public static ProxyObservation unreachable(String why) {
    return new ProxyObservation(Optional.empty(), Optional.of(why));
  }
}
