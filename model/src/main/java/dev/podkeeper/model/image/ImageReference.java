package dev.podkeeper.model.image;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference split as the engines read it ({@code [registry/]repository[:tag][@digest]}), with Docker
 * Hub's shorthands written out: no registry means {@code docker.io}, and a one-part Docker Hub repository is
 * under {@code library/}. The registry is kept as a person writes it; where its API lives is the registry
 * adapter's concern.
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final String DEFAULT_TAG = "latest";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

  public ImageReference {
    requireNonNull(registry, "registry is null");
    requireNonNull(repository, "repository is null");
    requireNonNull(tag, "tag is null");
    requireNonNull(digest, "digest is null");
  }

  /** The reference, or nothing when it is not one the engines would take. */
  public static Optional<ImageReference> parse(String text) {
    String rest = text;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest.get()).matches()) {
        return Optional.empty();
      }
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag.get()).matches()) {
        return Optional.empty();
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0 && isRegistry(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    for (String component : rest.split("/", -1)) {
      Matcher m = COMPONENT.matcher(component);
      if (!m.matches()) {
        return Optional.empty();
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of(DEFAULT_TAG);
    }
    return Optional.of(new ImageReference(registry, rest, tag, digest));
  }

  /** The first part names a registry when it looks like a host: a dot, a port, or localhost. */
  private static boolean isRegistry(String part) {
    return (part.contains(".") || part.contains(":") || part.equals("localhost")) && REGISTRY.matcher(part).matches();
  }

  /** Pinned by digest: the reference can never name another image, so there is nothing to follow. */
  public boolean pinned() {
    return digest.isPresent();
  }

  /** What a manifest request asks for: the digest when pinned, else the tag. */
  public String manifestReference() {
    return digest.orElseGet(tag::orElseThrow);
  }

  /** The canonical form, e.g. {@code docker.io/library/nginx:latest}. */
  @Override
  public String toString() {
    return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
