package dev.podkeeper.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

  @Test
  void everyNonEmptyValueIsMaskedHoweverShort() {
    SecretMask mask = new SecretMask(List.of("abc", "", "x"));

    assertThat(mask.mask("user abc, key x")).isEqualTo("user ***, key ***");
  }

  @Test
  void aValueContainingAnotherIsMaskedWhole() {
    SecretMask mask = new SecretMask(Arrays.asList("hunter2", "hunter2-secret", null));

    assertThat(mask.mask("bad value hunter2-secret in env")).isEqualTo("bad value *** in env");
  }

  @Test
  void itsOwnTextNamesNoValue() {
    assertThat(new SecretMask(List.of("hunter2")).toString()).doesNotContain("hunter2");
  }
}
