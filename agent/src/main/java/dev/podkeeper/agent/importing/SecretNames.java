package dev.podkeeper.agent.importing;

import java.util.regex.Pattern;

/**
 * Env names whose values are likely secrets ({@code DB_PASSWORD}, {@code API_KEY}, {@code GITHUB_TOKEN}, ...):
 * an import never prints their values. Errs on the side of hiding: a false alarm costs one line in an env file.
 */
final class SecretNames {
  private static final Pattern SECRET = Pattern.compile(
      "(^|_)(PASS|PASSWD|PASSWORD|PWD|SECRET|TOKEN|KEY|APIKEY|API|AUTH|CREDENTIALS?|PRIVATE|CERT|SALT|COOKIE"
          + "|SESSION)($|_)|PASSWORD|SECRET|TOKEN|APIKEY", Pattern.CASE_INSENSITIVE);

  private SecretNames() {}

  static boolean looksSecret(String name) {
    return SECRET.matcher(name).find();
  }
}
