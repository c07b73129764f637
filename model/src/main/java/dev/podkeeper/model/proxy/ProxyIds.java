package dev.podkeeper.model.proxy;

import dev.podkeeper.model.desired.SiteTls;
import java.util.List;

/** The ids podkeeper gives its objects in the reverse proxy: all of a stack's start with one prefix. */
public final class ProxyIds {
  private ProxyIds() {}

  /** {@code podkeeper.<stack>.}: what podkeeper owns in the proxy for this stack, and nothing else. */
  public static String prefix(String stack) {
    return "podkeeper." + stack + ".";
  }

  /**
   * The server's certificate policy (Caddy: a {@code tls.automation} policy) for {@code internal} and
   * {@code tailscale}. Names go into ids without {@code ~}, so no
   * server's or route's id is one of these.
   */
  public static String tlsPolicy(String serverId) {
    return serverId + "~tls";
  }

  /** The server's certificate files (Caddy: a {@code tls.certificates.load_files} entry). */
  public static String certificateFiles(String serverId) {
    return serverId + "~cert";
  }

  /** The server a TLS object belongs to. */
  public static String serverOfTlsObject(String tlsObjectId) {
    int mark = tlsObjectId.lastIndexOf('~');
    return mark < 0 ? tlsObjectId : tlsObjectId.substring(0, mark);
  }

  /** The ids of the TLS objects a server with this TLS needs, besides itself. */
  public static List<String> tlsObjects(String serverId, ServerTls tls) {
    if (tls.none()) {
      return List.of();
    }
    return List.of(tls.mode() instanceof SiteTls.Files
        ? certificateFiles(serverId) : tlsPolicy(serverId));
  }
}
