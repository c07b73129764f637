package dev.podkeeper.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Where a registry's HTTP API lives. Docker Hub's references say {@code docker.io}, its API is at
 * {@code registry-1.docker.io}. A registry on loopback is spoken to over plain HTTP (as Docker treats
 * 127.0.0.0/8 as insecure by default: a registry on this host has no certificate to check); all others over HTTPS.
 */
record RegistryApi(String scheme, String authority) {
  private static final String DOCKER_HUB_API = "registry-1.docker.io";

  static RegistryApi of(String registry) {
    String authority = registry.equals("docker.io") || registry.equals("index.docker.io") ? DOCKER_HUB_API : registry;
    return new RegistryApi(loopback(authority) ? "http" : "https", authority);
  }

  private static boolean loopback(String authority) {
    String host = authority.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      return host.startsWith("[::1]");
    }
    int colon = host.indexOf(':');
    host = colon < 0 ? host : host.substring(0, colon);
    return host.equals("localhost") || host.startsWith("127.");
  }

  /** {@code /v2/<repository>/manifests/<tag or digest>} on this registry. */
  URI manifest(String repository, String reference) {
    return URI.create(scheme + "://" + authority + "/v2/" + repository + "/manifests/" + reference);
  }
}
