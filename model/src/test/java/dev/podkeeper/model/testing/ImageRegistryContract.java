package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ImageRegistry;
import dev.podkeeper.model.port.ManifestCheck;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageRegistry} must answer, as Debian's docker-registry 2.8.2 answers. Run against
 * {@link FakeImageRegistry} ({@code FakeImageRegistryContractTest}) and against a registry the test starts
 * itself with images Podman pushed there ({@code RegistryImageRegistryIT} in src-test).
 */
public abstract class ImageRegistryContract {
  /** The registry under test. */
  protected abstract ImageRegistry registry();

  /** The registry part of references to it, e.g. {@code 127.0.0.1:5000}. */
  protected abstract String registryHost();

  /**
   * Puts image number {@code version} (1 or 2, different images) under {@code repository:tag}; the digest the
   * publisher saw for it.
   */
  protected abstract String publish(String repository, String tag, int version);

  /** The registry part of references to a registry where nothing answers. */
  protected abstract String unreachableHost();

  private static String repository() {
    return "contract/app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ImageReference reference(String repository, String tag) {
    return ImageReference.parse(registryHost() + "/" + repository + ":" + tag).orElseThrow();
  }

  @Test
  void aTagsDigestIsTheOnePublishedAndAskingAgainGivesTheSame() {
    String repository = repository();
    String digest = publish(repository, "latest", 1);

    ManifestCheck first = registry().manifestDigest(reference(repository, "latest"));
    ManifestCheck again = registry().manifestDigest(reference(repository, "latest"));

    assertThat(first).isEqualTo(new ManifestCheck.Digest(digest));
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aMovedTagNamesTheNewDigest() {
    String repository = repository();
    String v1 = publish(repository, "stable", 1);
    String v2 = publish(repository, "stable", 2);

    assertThat(v2).isNotEqualTo(v1);
    assertThat(registry().manifestDigest(reference(repository, "stable"))).isEqualTo(new ManifestCheck.Digest(v2));
  }

  @Test
  void anUnknownTagOrRepositoryIsAPermanentFailureNotUpToDate() {
    String repository = repository();
    publish(repository, "latest", 1);

    for (ImageReference unknown : new ImageReference[] {reference(repository, "nope"), reference(repository(), "latest")}) {
      assertThat(registry().manifestDigest(unknown)).isInstanceOfSatisfying(ManifestCheck.Failed.class, failed -> {
        assertThat(failed.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failed.reason()).contains("unknown").contains("404");
      });
    }
  }

  @Test
  void anUnreachableRegistryIsATransientFailure() {
    ImageReference unreachable = ImageReference.parse(unreachableHost() + "/" + repository() + ":latest").orElseThrow();
    assertThat(registry().manifestDigest(unreachable))
        .isInstanceOfSatisfying(ManifestCheck.Failed.class, failed -> assertThat(failed.kind()).isEqualTo(FailureKind.TRANSIENT));
  }
}
