package dev.podkeeper.model.desired;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** How a site's listeners speak TLS: not at all, Caddy's internal CA, Tailscale's certificate, or given files. */
public sealed interface SiteTls {
  SiteTls NONE = new Word("none");
  SiteTls INTERNAL = new Word("internal");
  SiteTls TAILSCALE = new Word("tailscale");

  /** {@code none}, {@code internal} or {@code tailscale}. */
  record Word(String word) implements SiteTls {
    public Word {
      requireNonNull(word, "word is null");
    }
  }

  /** {@code { certFile: /abs, keyFile: /abs }}. */
  record Files(Path certFile, Path keyFile) implements SiteTls {
    public Files {
      requireNonNull(certFile, "certFile is null");
      requireNonNull(keyFile, "keyFile is null");
    }
  }
}
