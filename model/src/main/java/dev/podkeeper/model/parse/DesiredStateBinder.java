package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.Defaults;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.desired.UnitSpec.UnitState;
import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.validate.HostPaths;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.ValueSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Binds the file's tree into a {@link DesiredState}: the top level, defaults, networks, directories
 * and units here; env files and containers in their own binders. A value that does not fit is
 * reported and replaced by its default (or left out), so the rest of the file is still checked.
 */
final class DesiredStateBinder {
  private static final KnownKeys TOP = KnownKeys.of(
      "version", "stack", "defaults", "networks", "directories", "envFiles", "units", "containers", "proxy");
  private static final KnownKeys DEFAULTS = KnownKeys.of("owner", "mode", "env", "update");
  private static final KnownKeys NETWORK = KnownKeys.of("subnet", "gateway", "dns");
  private static final KnownKeys DIRECTORY = KnownKeys.of("path", "owner", "mode");
  private static final KnownKeys UNIT = KnownKeys.of("state", "enabled", "routes");
  private static final Map<String, UnitState> UNIT_STATES = Map.of("active", UnitState.ACTIVE, "inactive", UnitState.INACTIVE);

  private DesiredStateBinder() {}

  static DesiredState bind(YamlNode root, Path source, Binding binding) {
    MappingReader top = MappingReader.of(root, NodePath.root(), root.location(), binding, TOP);
    version(top);
    String stack = top.requiredText("stack", "");
    Defaults defaults = defaults(top);
    return new DesiredState(source, stack,
        defaults,
        named(top, "networks", (entry, path) -> network(entry, path, binding)),
        directories(top),
        named(top, "envFiles", (entry, path) -> EnvBinder.envFile(entry, path, binding)),
        named(top, "units", (entry, path) -> unit(entry, path, binding)),
        named(top, "containers", (entry, path) -> ContainerBinder.container(entry, path, binding, defaults.update())),
        ProxyBinder.proxy(root, binding));
  }

  private static void version(MappingReader top) {
    String version = top.requiredText("version", "1");
    if (!version.equals("1")) {
      top.node("version").ifPresent(n -> top.report(n, Rule.VERSION,
          "version " + Quote.bare(version) + " is not supported; this podkeeper reads version 1"));
    }
  }

  private static Defaults defaults(MappingReader top) {
    Optional<YamlNode> node = top.node("defaults");
    if (node.isEmpty()) {
      return Defaults.NONE;
    }
    MappingReader defaults = MappingReader.of(node.get(), NodePath.of("defaults"), node.get().location(),
        top.binding(), DEFAULTS);
    return new Defaults(
        defaults.parsed("owner", ValueSyntax::owner).orElse(Ownership.DEFAULT),
        defaults.parsed("mode", ValueSyntax::mode).orElse(FileMode.DIRECTORY_DEFAULT),
        EnvBinder.env(defaults, "env"),
        UpdateBinder.defaults(defaults));
  }

  /** A section of objects keyed by name: {@code networks:}, {@code containers:}, ... */
  private static <T> Map<String, T> named(MappingReader top, String section, BiFunction<Entry, NodePath, T> bind) {
    Map<String, T> bound = new LinkedHashMap<>();
    for (Entry entry : top.entries(section).values()) {
      bound.put(entry.key(), bind.apply(entry, NodePath.of(section, entry.key())));
    }
    return bound;
  }

  private static NetworkSpec network(Entry entry, NodePath path, Binding binding) {
    MappingReader network = MappingReader.of(entry, path, binding, NETWORK);
    return new NetworkSpec(entry.key(), network.text("subnet"), network.text("gateway"),
        network.bool("dns").orElse(true));
  }

  private static UnitSpec unit(Entry entry, NodePath path, Binding binding) {
    MappingReader unit = MappingReader.of(entry, path, binding, UNIT);
    return new UnitSpec(entry.key(),
        unit.choice("state", UNIT_STATES, "active, inactive").orElse(UnitState.ACTIVE),
        unit.bool("enabled"));
  }

  private static List<DirectorySpec> directories(MappingReader top) {
    List<YamlNode> items = top.items("directories", "[{ path: /srv/media }]");
    List<DirectorySpec> directories = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      MappingReader dir = MappingReader.of(item, NodePath.of("directories").index(i), item.location(),
          top.binding(), DIRECTORY);
      Optional<Path> path = dir.requiredParsed("path", text -> HostPaths.managedDirectory("path", text));
      Optional<Ownership> owner = dir.parsed("owner", ValueSyntax::owner);
      Optional<FileMode> mode = dir.parsed("mode", ValueSyntax::mode);
      if (path.isPresent()) {
        directories.add(new DirectorySpec(path.get(), owner, mode));
      } else {
        top.dropped("directories", i);
      }
    }
    return directories;
  }
}
