package dev.podkeeper.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.testing.Stacks;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.hash.SpecHasher;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecHashesTest {
  private final SpecHashes hashes = new SpecHashes();
  private final DesiredState desired = Stacks.media();
  private final ContainerSpec sonarr = desired.containers().get("sonarr");
  private final Map<String, String> env = Map.of("TZ", "Europe/Paris");

  @Test
  void aHashIsTheSpecHashersOwn() {
    assertThat(hashes.of(desired, sonarr, env, Optional.empty()))
        .isEqualTo(SpecHasher.containerHash(sonarr, env, Optional.empty()));
  }

  @Test
  void theSameSpecWithAnEqualEnvIsNotHashedAgain() {
    String first = hashes.of(desired, sonarr, env, Optional.empty());

    // an equal env, as the next pass resolves it: a new map
    assertThat(hashes.of(desired, sonarr, new HashMap<>(env), Optional.empty())).isSameAs(first);
  }

  @Test
  void anotherEnvOrProviderIdIsHashedAgain() {
    String before = hashes.of(desired, sonarr, env, Optional.empty());
    String rotated = hashes.of(desired, sonarr, Map.of("TZ", "UTC"), Optional.empty());

    assertThat(rotated).isNotEqualTo(before).isEqualTo(SpecHasher.containerHash(sonarr, Map.of("TZ", "UTC"),
        Optional.empty()));

    // a namespace member: its provider's ID is part of its hash
    ContainerSpec qbittorrent = desired.containers().get("qbittorrent");
    String inOld = hashes.of(desired, qbittorrent, env, Optional.of("old-gluetun-id"));
    String inNew = hashes.of(desired, qbittorrent, env, Optional.of("new-gluetun-id"));

    assertThat(inNew).isNotEqualTo(inOld)
        .isEqualTo(SpecHasher.containerHash(qbittorrent, env, Optional.of("new-gluetun-id")));
  }

  @Test
  void anEnvChangedAfterTheCallDoesNotChangeWhatWasKept() {
    Map<String, String> mutable = new HashMap<>(env);
    String first = hashes.of(desired, sonarr, mutable, Optional.empty());
    mutable.put("TZ", "UTC");

    assertThat(hashes.of(desired, sonarr, env, Optional.empty())).isSameAs(first);
  }

  @Test
  void anotherDesiredStateStartsAfreshSoThatWhatIsKeptNeverOutgrowsOneFile() {
    String first = hashes.of(desired, sonarr, env, Optional.empty());
    DesiredState reread = Stacks.media();
    hashes.of(reread, reread.containers().get("sonarr"), env, Optional.empty());

    String back = hashes.of(desired, sonarr, env, Optional.empty());

    assertThat(back).as("hashed again: the first state's hashes were dropped").isEqualTo(first).isNotSameAs(first);
  }
}
