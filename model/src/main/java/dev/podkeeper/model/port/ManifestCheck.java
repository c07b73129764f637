package dev.podkeeper.model.port;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What asking a registry for a tag's digest gave: the digest, or why there is none this time. */
public sealed interface ManifestCheck {
  /** The tag names the manifest with this digest ({@code sha256:...}). */
  record Digest(String digest) implements ManifestCheck {
    public Digest {
      requireNonNull(digest, "digest is null");
    }
  }

  /**
   * The registry could not be asked, or said no. {@code reason} is what a person reads ("manifest unknown
   * (HTTP 404)", "connect timed out"), never a credential; {@code kind} says whether asking again can help.
   */
  record Failed(String reason, FailureKind kind) implements ManifestCheck {
    public Failed {
      requireNonNull(reason, "reason is null");
      requireNonNull(kind, "kind is null");
    }
  }

  /** The registry's host said too many requests (HTTP 429); nothing is asked of that host before {@code until}. */
  record RateLimited(Instant until) implements ManifestCheck {
    public RateLimited {
      requireNonNull(until, "until is null");
    }
  }
}
