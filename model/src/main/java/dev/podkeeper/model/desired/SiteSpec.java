package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code proxy.sites}: listeners podkeeper owns in Caddy, and the host name its path routes answer.
 *
 * @param listen {@code HOST:PORT} addresses
 */
public record SiteSpec(String name, Optional<String> host, List<String> listen, SiteTls tls) {
  public SiteSpec {
    requireNonNull(name, "name is null");
    requireNonNull(host, "host is null");
    listen = List.copyOf(requireNonNull(listen, "listen is null"));
    requireNonNull(tls, "tls is null");
  }
}
