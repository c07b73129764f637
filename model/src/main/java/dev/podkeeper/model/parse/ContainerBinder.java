package dev.podkeeper.model.parse;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PullPolicy;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.UpdatePolicy;
import dev.podkeeper.model.parse.YamlNode.Entry;
import dev.podkeeper.model.validate.FormatException;
import dev.podkeeper.model.validate.HostPaths;
import dev.podkeeper.model.validate.MountSyntax;
import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.PortSyntax;
import dev.podkeeper.model.validate.Quote;
import dev.podkeeper.model.validate.Rule;
import dev.podkeeper.model.validate.ShellWords;
import dev.podkeeper.model.validate.ValueSyntax;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One entry of {@code containers:}; its key is the container's name. */
final class ContainerBinder {
  private static final KnownKeys CONTAINER = KnownKeys.of("image", "pull", "network", "aliases", "ports",
      "volumes", "capAdd", "capDrop", "devices", "privileged", "envFiles", "env", "health", "dependsOn",
      "requiresUnits", "memory", "cpus", "command", "entrypoint", "user", "workdir", "hostname", "labels",
      "restart", "stopTimeout", "lanAccess", "routes", "update");
  private static final KnownKeys HEALTH = KnownKeys.of("test", "interval", "timeout", "retries", "startPeriod");
  private static final Map<String, PullPolicy> PULL = byWord(PullPolicy.values(), p -> p.name().toLowerCase(Locale.ROOT));
  private static final Map<String, RestartPolicy> RESTART = byWord(RestartPolicy.values(), RestartPolicy::word);
  private static final String CONTAINER_PREFIX = "container:";

  private ContainerBinder() {}

  static ContainerSpec container(Entry entry, NodePath path, Binding binding, UpdatePolicy defaultUpdate) {
    MappingReader c = MappingReader.of(entry, path, binding, CONTAINER);
    String image = c.requiredText("image", "");
    return ContainerSpec.builder(entry.key(), image, network(c))
        .pull(c.choice("pull", PULL, "missing, always, never").orElse(PullPolicy.MISSING))
        .aliases(c.texts("aliases", "[vpn]"))
        .ports(c.parsedList("ports", "[\"127.0.0.1:8080:80\"]", PortSyntax::parse))
        .volumes(c.parsedList("volumes", "[/srv/app:/config]", MountSyntax::volume))
        .capAdd(c.texts("capAdd", "[NET_ADMIN]"))
        .capDrop(c.texts("capDrop", "[ALL]"))
        .devices(c.parsedList("devices", "[/dev/net/tun]", MountSyntax::device))
        .privileged(c.bool("privileged").orElse(false))
        .envFiles(c.parsedList("envFiles", "[vpn]", ContainerBinder::envFileEntry))
        .env(EnvBinder.env(c, "env"))
        .health(health(c))
        .dependsOn(dependsOn(c))
        .requiresUnits(c.texts("requiresUnits", "[jellyfin.service]"))
        .memoryBytes(c.parsed("memory", ValueSyntax::memory))
        .cpus(c.parsed("cpus", ValueSyntax::cpus))
        .command(words(c, "command"))
        .entrypoint(words(c, "entrypoint"))
        .user(c.text("user"))
        .workdir(c.parsed("workdir", text -> HostPaths.containerPath("workdir", text)))
        .hostname(c.text("hostname"))
        .labels(labels(c))
        .restart(c.choice("restart", RESTART, "no, on-failure, always, unless-stopped")
            .orElse(RestartPolicy.UNLESS_STOPPED))
        .stopTimeout(c.parsed("stopTimeout", text -> ValueSyntax.duration("stopTimeout", text)))
        .lanAccess(c.bool("lanAccess").orElse(false))
        .update(UpdateBinder.container(c, defaultUpdate, image))
        .build();
  }

  /**
   * {@code container:<name>} joins that container's namespace; anything else names a bridge network; left
   * out, Podman's default network.
   */
  private static NetworkAttachment network(MappingReader c) {
    if (c.node("network").isEmpty()) {
      return new NetworkAttachment.PodmanDefault();
    }
    String network = c.requiredText("network", "");
    return network.startsWith(CONTAINER_PREFIX)
        ? new NetworkAttachment.ContainerNamespace(network.substring(CONTAINER_PREFIX.length()))
        : new NetworkAttachment.Bridge(network);
  }

  /**
   * A list of names. Compose's mapping ({@code prowlarr: {condition: service_healthy}}) is reported once, with
   * the list to write, and its names are still used so that nothing else about them is reported.
   */
  private static List<String> dependsOn(MappingReader c) {
    if (c.node("dependsOn").orElse(null) instanceof YamlNode.Mapping compose) {
      List<String> names = List.copyOf(compose.entries().keySet());
      c.report(compose, Rule.VALUE_TYPE, "dependsOn is a list of container names, not a mapping: podkeeper waits for"
          + " each to run, and to be healthy when it has a health check, by itself (no condition needed); write"
          + " dependsOn: [" + String.join(", ", names.stream().map(Quote::bare).toList()) + "]");
      return names;
    }
    return c.texts("dependsOn", "[prowlarr]");
  }

  /** The name of an env file of the file, or (with a slash) the absolute path of an existing one. */
  private static String envFileEntry(String text) throws FormatException {
    if (text.contains("/")) {
      HostPaths.parse("envFiles entry", text);
    }
    return text;
  }

  private static Optional<HealthCheck> health(MappingReader c) {
    return c.entry("health").map(entry -> {
      MappingReader h = MappingReader.of(entry, c.path().key("health"), c.binding(), HEALTH);
      return new HealthCheck(test(h),
          h.parsed("interval", text -> ValueSyntax.duration("health.interval", text)).orElse(HealthCheck.DEFAULT_INTERVAL),
          h.parsed("timeout", text -> ValueSyntax.duration("health.timeout", text)).orElse(HealthCheck.DEFAULT_TIMEOUT),
          h.parsed("retries", text -> ValueSyntax.wholeNumber("health.retries", text)).orElse(HealthCheck.DEFAULT_RETRIES),
          h.parsed("startPeriod", text -> ValueSyntax.duration("health.startPeriod", text)).orElse(Duration.ZERO));
    });
  }

  /** A list such as {@code ["CMD", "/bin/check"]}, or one string, which is a {@code CMD-SHELL} command. */
  private static List<String> test(MappingReader h) {
    Optional<YamlNode> node = h.require("test") ? h.node("test") : Optional.empty();
    // A list with an item that is not text is reported as such; judged as a whole, it would be reported twice.
    Optional<List<String>> test = node.flatMap(n -> n instanceof YamlNode.Sequence seq
        ? Optional.of(h.texts("test", "[\"CMD\", \"/bin/check\"]")).filter(t -> t.size() == seq.items().size())
        : h.text("test").map(shell -> List.of("CMD-SHELL", shell)));
    if (test.isEmpty()) {
      h.standIn("test");
    }
    return test.orElse(List.of());
  }

  /**
   * {@code command} and {@code entrypoint}: a list used as is, or one string split into words like a
   * shell would. Empty either way means the image's own.
   */
  private static Optional<List<String>> words(MappingReader c, String key) {
    Optional<YamlNode> node = c.node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    List<String> words = node.get() instanceof YamlNode.Scalar s && !s.isNull()
        ? c.parsed(key, text -> ShellWords.split(key, text)).orElse(List.of())
        : c.texts(key, "[\"--config\", \"/config/app.yml\"]");
    return words.isEmpty() ? Optional.empty() : Optional.of(words);
  }

  /** Label values are text like env values; an empty one is written {@code ""}. */
  private static Map<String, String> labels(MappingReader c) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Entry label : c.entries("labels").values()) {
      if (label.value() instanceof YamlNode.Scalar s && !s.isNull()) {
        labels.put(label.key(), s.text());
      } else {
        c.report(label.keyLocation(), Rule.VALUE_TYPE, "label " + Quote.bare(label.key()) + " needs a single value, not "
            + YamlNode.describe(label.value()) + "; write " + Quote.bare(label.key()) + ": \"\" for an empty one");
      }
    }
    return labels;
  }

  private static <E> Map<String, E> byWord(E[] values, Function<E, String> word) {
    return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(word, v -> v));
  }
}
