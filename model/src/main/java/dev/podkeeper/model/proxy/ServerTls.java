package dev.podkeeper.model.proxy;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.SiteTls;
import java.util.Optional;

/**
 * How one of podkeeper's servers speaks TLS, as the proxy holds it: the site's {@code tls:} and, for a certificate
 * the proxy gets by name (Caddy's internal CA, Tailscale), the name it gets it for. Certificate files are named by
 * path only: the proxy reads them itself.
 *
 * @param host the certificate's name for {@code internal} and {@code tailscale}; empty otherwise
 */
public record ServerTls(SiteTls mode, Optional<String> host) {
  public static final ServerTls NONE = new ServerTls(SiteTls.NONE, Optional.empty());

  public ServerTls {
    requireNonNull(mode, "mode is null");
    requireNonNull(host, "host is null");
    if (byName(mode) != host.isPresent()) {
      throw new IllegalArgumentException("tls " + mode + " " + (host.isPresent() ? "takes no host" : "needs a host"));
    }
  }

  /** A site's TLS: the host is kept only where the certificate is obtained for it. */
  public static ServerTls of(SiteTls mode, Optional<String> host) {
    return new ServerTls(mode, byName(mode) ? host : Optional.empty());
  }

  public boolean none() {
    return mode.equals(SiteTls.NONE);
  }

  private static boolean byName(SiteTls mode) {
    return mode.equals(SiteTls.INTERNAL) || mode.equals(SiteTls.TAILSCALE);
  }

  /** For plans: {@code none}, {@code internal for hwc.example.test}, {@code files /etc/ssl/a.pem}. */
  public String describe() {
    if (mode instanceof SiteTls.Files files) {
      return "files " + files.certFile() + " " + files.keyFile();
    }
    String word = ((SiteTls.Word) mode).word();
    return host.map(h -> word + " for " + h).orElse(word);
  }
}
