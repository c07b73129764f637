package dev.podkeeper.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} header of a 401: its scheme ({@code bearer} or {@code basic}) and parameters, e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {
  private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

  static Optional<AuthChallenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (space > 0) {
      Matcher m = PARAMETER.matcher(trimmed.substring(space + 1));
      while (m.find()) {
        parameters.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
      }
    }
    return Optional.of(new AuthChallenge(scheme, Map.copyOf(parameters)));
  }

  boolean bearer() {
    return scheme.equals("bearer") && parameters.containsKey("realm");
  }

  boolean basic() {
    return scheme.equals("basic");
  }
}
