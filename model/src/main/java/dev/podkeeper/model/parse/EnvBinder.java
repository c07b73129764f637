package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.validate.HostPaths;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.ValueSyntax;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Environments ({@code defaults.env}, a container's {@code env}) and the env files podkeeper writes.
 * Values are strings, numbers or booleans, kept as written ({@code 1.0} stays {@code 1.0}); an env
 * file value may instead be {@code { fromFile: PATH }}, a secret read at apply time.
 */
final class EnvBinder {
  private static final KnownKeys ENV_FILE = KnownKeys.of("path", "mode", "values");
  private static final KnownKeys SECRET = KnownKeys.of("fromFile");

  private EnvBinder() {}

  static Map<String, String> env(MappingReader owner, String key) {
    Map<String, String> env = new LinkedHashMap<>();
    owner.entries(key).values().forEach(e -> literal(e, owner).ifPresent(v -> env.put(e.key(), v)));
    return env;
  }

  static EnvFileSpec envFile(Entry entry, NodePath path, Binding binding) {
    MappingReader envFile = MappingReader.of(entry, path, binding, ENV_FILE);
    Path file = envFile.requiredParsed("path", text -> HostPaths.parse("path", text)).orElse(Path.of("/"));
    FileMode mode = envFile.parsed("mode", ValueSyntax::mode).orElse(FileMode.ENV_FILE_DEFAULT);
    Map<String, EnvValue> values = new LinkedHashMap<>();
    for (Entry value : envFile.entries("values").values()) {
      envValue(value, path.key("values").key(value.key()), envFile).ifPresent(v -> values.put(value.key(), v));
    }
    return new EnvFileSpec(entry.key(), file, mode, values);
  }

  private static Optional<EnvValue> envValue(Entry entry, NodePath path, MappingReader envFile) {
    if (!(entry.value() instanceof YamlNode.Mapping)) {
      return literal(entry, envFile).map(EnvValue.Literal::new);
    }
    MappingReader secret = MappingReader.of(entry, path, envFile.binding(), SECRET);
    return secret.requiredParsed("fromFile", text -> HostPaths.parse("fromFile", text)).map(EnvValue.FromFile::new);
  }

  private static Optional<String> literal(Entry entry, MappingReader owner) {
    YamlNode value = entry.value();
    if (value instanceof YamlNode.Scalar s && !s.isNull()) {
      return Optional.of(s.text());
    }
    if (value instanceof YamlNode.Scalar) {
      owner.report(entry.keyLocation(), Rule.ENV_VALUE,
          "env " + Quote.bare(entry.key()) + " has no value; write " + Quote.bare(entry.key()) + ": \"\" for an empty one");
    } else {
      owner.report(value.location(), Rule.ENV_VALUE,
          "env " + Quote.bare(entry.key()) + " must be a string, number or boolean, not " + YamlNode.describe(value));
    }
    return Optional.empty();
  }
}
