package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.SiteSpec;
import dev.podkeeper.model.desired.SiteTls;
import java.util.List;

/**
 * A certificate obtained by name needs the name: {@code tls: internal} and {@code tls: tailscale} need the site's
 * {@code host}, and Tailscale gives certificates only for the machine's {@code *.ts.net} name. (Certificate files
 * are absolute paths, checked while parsing.)
 */
final class SiteTlsCheck implements Check {
  @Override
  public void check(DesiredState state, List<Violation> found) {
    for (SiteSpec site : state.proxy().sites().values()) {
      NodePath at = NodePath.of("proxy", "sites", site.name()).key("tls");
      boolean internal = site.tls().equals(SiteTls.INTERNAL);
      boolean tailscale = site.tls().equals(SiteTls.TAILSCALE);
      if ((internal || tailscale) && site.host().isEmpty()) {
        found.add(Violation.at(Rule.PROXY_TLS, at, "site " + Quote.of(site.name()) + " has tls "
            + (internal ? "internal" : "tailscale") + " but no host, the name its certificate is for; add host: "
            + (internal ? "media.example.test" : "MACHINE.TAILNET.ts.net")));
      } else if (tailscale && !site.host().get().endsWith(".ts.net")) {
        found.add(Violation.at(Rule.PROXY_TLS, at, "site " + Quote.of(site.name()) + " has tls tailscale but host "
            + Quote.of(site.host().get()) + " is not a *.ts.net name, the only ones Tailscale gives certificates for;"
            + " use tls: internal or certificate files for other names"));
      }
    }
  }
}
