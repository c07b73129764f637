package dev.podkeeper.model.testing;

import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registries in memory: tags published with a digest, hosts that are down or rate-limited, and a count of the
 * requests asked, so that tests can show an unchanged tag costs one request per interval.
 */
public final class FakeImageRegistry implements ImageRegistry {
  private final Map<String, String> digests = new HashMap<>();
  private final Map<String, ManifestCheck> hostAnswers = new HashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  /** The tag names this digest from now on. */
  public synchronized FakeImageRegistry publish(String reference, String digest) {
    digests.put(key(ImageReference.parse(reference).orElseThrow()), digest);
    return this;
  }

  /** Every check of this registry host answers so (a failure, a rate limit) until {@link #heal}. */
  public synchronized void answerFor(String registry, ManifestCheck answer) {
    hostAnswers.put(registry, answer);
  }

  public synchronized void heal(String registry) {
    hostAnswers.remove(registry);
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public synchronized ManifestCheck manifestDigest(ImageReference reference) {
    ManifestCheck hostAnswer = hostAnswers.get(reference.registry());
    if (hostAnswer instanceof ManifestCheck.RateLimited limited && Instant.now().isBefore(limited.until())) {
      return limited; // like the real one, a rate-limited host is not asked at all
    }
    requests.incrementAndGet();
    if (hostAnswer != null) {
      return hostAnswer;
    }
    String digest = digests.get(key(reference));
    return digest != null
        ? new ManifestCheck.Digest(digest)
        : new ManifestCheck.Failed("manifest unknown (HTTP 404)", FailureKind.PERMANENT);
  }

  private static String key(ImageReference reference) {
    return reference.registry() + "/" + reference.repository() + ":" + reference.manifestReference();
  }
}
