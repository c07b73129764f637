package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.desired.UpdatePolicy.Mode;
import dev.podkeeper.model.desired.UpdatePolicy.Source;
import dev.podkeeper.model.image.ImageReference;
import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.ValueSyntax;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code update:} in {@code defaults:} and in a container. A container's keys override the defaults' one by
 * one, so {@code update: { policy: registry }} keeps the default interval, mode and rollback.
 */
final class UpdateBinder {
  private static final KnownKeys UPDATE = KnownKeys.of("policy", "mode", "interval", "rollback", "healthTimeout");
  private static final Map<String, Source> POLICIES = Map.of("off", Source.OFF, "registry", Source.REGISTRY,
      "local", Source.LOCAL);
  private static final Map<String, Mode> MODES = Map.of("apply", Mode.APPLY, "report", Mode.REPORT);

  private UpdateBinder() {}

  /** {@code defaults.update}, over the product's defaults. */
  static UpdatePolicy defaults(MappingReader defaults) {
    return defaults.entry("update").map(entry -> over(UpdatePolicy.DEFAULT, reader(defaults, entry)))
        .orElse(UpdatePolicy.DEFAULT);
  }

  /**
   * A container's policy. A digest reference never moves: a policy other than off written on it is an error,
   * and one inherited from {@code defaults.update} does not apply to it.
   */
  static UpdatePolicy container(MappingReader c, UpdatePolicy defaults, String image) {
    Optional<ImageReference> reference = ImageReference.parse(image);
    boolean pinned = reference.map(ImageReference::pinned).orElse(false);
    Optional<YamlNode.Entry> entry = c.entry("update");
    if (entry.isEmpty()) {
      return pinned ? defaults.withPolicy(Source.OFF) : defaults;
    }
    MappingReader u = reader(c, entry.get());
    UpdatePolicy policy = over(defaults, u);
    Optional<YamlNode> written = u.node("policy");
    if (written.isPresent() && policy.enabled()) {
      if (pinned) {
        u.report(written.get(), Rule.UPDATE_REFERENCE, "update policy " + policy.policy().word() + " cannot follow image "
            + Quote.of(image) + ": a digest reference never names another image; write a tag (e.g. "
            + Quote.bare(reference.get().registry() + "/" + reference.get().repository()) + ":latest) or policy off");
      } else if (reference.isEmpty()) {
        u.report(written.get(), Rule.UPDATE_REFERENCE, "update policy " + policy.policy().word() + " cannot follow image "
            + Quote.of(image) + ": it is not an image reference [registry/]repository[:tag]");
      }
    }
    return pinned ? policy.withPolicy(Source.OFF) : policy;
  }

  private static MappingReader reader(MappingReader owner, YamlNode.Entry entry) {
    return MappingReader.of(entry, owner.path().key("update"), owner.binding(), UPDATE);
  }

  private static UpdatePolicy over(UpdatePolicy base, MappingReader u) {
    UpdatePolicy p = base;
    p = u.choice("policy", POLICIES, "off, registry, local").map(p::withPolicy).orElse(p);
    p = u.choice("mode", MODES, "apply, report").map(p::withMode).orElse(p);
    p = u.parsed("interval", text -> positive("update.interval", text)).map(p::withInterval).orElse(p);
    p = u.bool("rollback").map(p::withRollback).orElse(p);
    p = u.parsed("healthTimeout", text -> positive("update.healthTimeout", text)).map(p::withHealthTimeout).orElse(p);
    return p;
  }

  private static Duration positive(String key, String text) throws FormatException {
    Duration duration = ValueSyntax.duration(key, text);
    if (duration.isZero()) {
      throw new FormatException(Rule.DURATION, key + " " + Quote.of(text) + " must be longer than 0");
    }
    return duration;
  }
}
