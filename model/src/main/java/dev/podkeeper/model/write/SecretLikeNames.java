package dev.podkeeper.model.write;

import java.util.regex.Pattern;

/**
 * Whether an environment variable's name says its value is a secret ({@code OPENVPN_PASSWORD},
 * {@code API_KEY}, {@code WIREGUARD_PRIVATE_KEY}): the values a generated file must not carry in the clear.
 * A name decides, never the value: a value cannot be judged without printing it somewhere.
 */
public final class SecretLikeNames {
  private static final Pattern SECRET = Pattern.compile(
      "(?i).*(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH|PSK)([_-].*)?");

  private SecretLikeNames() {}

  public static boolean looksSecret(String name) {
    return SECRET.matcher(name).matches();
  }
}
