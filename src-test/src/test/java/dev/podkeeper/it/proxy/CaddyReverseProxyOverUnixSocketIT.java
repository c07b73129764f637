package dev.podkeeper.it.proxy;

/** The same contract with Caddy's admin API on a unix socket (Caddy 2.6.2 takes only an empty Host header there). */
class CaddyReverseProxyOverUnixSocketIT extends CaddyReverseProxyIT {
  @Override
  protected boolean overUnixSocket() {
    return true;
  }
}
