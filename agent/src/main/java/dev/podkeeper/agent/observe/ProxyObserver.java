package dev.podkeeper.agent.observe;

import dev.podkeeper.agent.plan.ProxyObservation;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.ProxyException;
import dev.podkeeper.model.proxy.ProxyIds;

/**
 * Reads the reverse proxy once per pass: the part the stack owns. A file without {@code proxy:} or routes reads
 * nothing; a proxy that does not answer (or refuses the read) is reported as such, and the pass goes on without it.
 */
public final class ProxyObserver {
  /** For an agent without a reverse proxy: never reads one. */
  public static final ProxyObserver NONE = new ProxyObserver(null);

  private final SelectedReverseProxy proxy;

  public ProxyObserver(SelectedReverseProxy proxy) {
    this.proxy = proxy;
  }

  public ProxyObservation observe(DesiredState desired) {
    if (proxy == null || desired.proxy().isEmpty()) {
      return ProxyObservation.notRead();
    }
    try {
      proxy.select(desired.proxy().caddy());
      return ProxyObservation.seen(proxy.read(ProxyIds.prefix(desired.stack())));
    } catch (ProxyException e) {
      return ProxyObservation.unreachable(e.getMessage());
    }
  }
}
