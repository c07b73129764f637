package dev.podkeeper.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "nginx,                                   docker.io,      library/nginx,             latest",
      "nginx:1.27,                              docker.io,      library/nginx,             1.27",
      "qmcgaw/gluetun:v3.40.0,                  docker.io,      qmcgaw/gluetun,            v3.40.0",
      "docker.io/library/redis:7,               docker.io,      library/redis,             7",
      "lscr.io/linuxserver/sonarr:latest,       lscr.io,        linuxserver/sonarr,        latest",
      "localhost/app:1,                         localhost,      app,                       1",
      "127.0.0.1:5000/podkeeper/app:v2,         127.0.0.1:5000, podkeeper/app,             v2",
      "ghcr.io/a/b/c-d_e.f:x,                   ghcr.io,        a/b/c-d_e.f,               x",
  })
  void dockerHubShorthandsAreWrittenOut(String text, String registry, String repository, String tag) {
    ImageReference reference = ImageReference.parse(text).orElseThrow();

    assertThat(reference.registry()).isEqualTo(registry);
    assertThat(reference.repository()).isEqualTo(repository);
    assertThat(reference.tag()).contains(tag);
    assertThat(reference.pinned()).isFalse();
    assertThat(reference.manifestReference()).isEqualTo(tag);
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis@", "docker.io/library/redis:7@"})
  void aDigestPinsTheReference(String prefix) {
    ImageReference reference = ImageReference.parse(prefix + DIGEST).orElseThrow();

    assertThat(reference.pinned()).isTrue();
    assertThat(reference.manifestReference()).isEqualTo(DIGEST);
    assertThat(reference.repository()).isEqualTo("library/redis");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Upper/case", "app:", "app:bad tag", "app@sha256:short", "a//b", "/app", "app/"})
  void whatNoEngineWouldTakeIsNoReference(String text) {
    assertThat(ImageReference.parse(text)).isEmpty();
  }
}
