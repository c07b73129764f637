package dev.podkeeper.model.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretLikeNamesTest {
  @Test
  void namesThatSaySecretAreSecret() {
    assertThat(SecretLikeNames.looksSecret("OPENVPN_PASSWORD")).isTrue();
    assertThat(SecretLikeNames.looksSecret("WIREGUARD_PRIVATE_KEY")).isTrue();
    assertThat(SecretLikeNames.looksSecret("api_key")).isTrue();
    assertThat(SecretLikeNames.looksSecret("GITHUB_TOKEN")).isTrue();
    assertThat(SecretLikeNames.looksSecret("DB_PASS_FILE")).isTrue();
  }

  @Test
  void otherNamesAreNot() {
    assertThat(SecretLikeNames.looksSecret("TZ")).isFalse();
    assertThat(SecretLikeNames.looksSecret("PUID")).isFalse();
    assertThat(SecretLikeNames.looksSecret("VPN_SERVICE_PROVIDER")).isFalse();
    assertThat(SecretLikeNames.looksSecret("AUTHOR")).isFalse();
  }
}
