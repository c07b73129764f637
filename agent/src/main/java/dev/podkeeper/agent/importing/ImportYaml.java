package dev.podkeeper.agent.importing;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an {@link ImportedStack} as a desired-state file: keys in the order of the format's reference, each
 * note as a comment above what it is about, every value in a form the parser reads back to the same value
 * (memory in bytes, durations in their largest exact unit, text quoted unless it is plainly a word).
 */
final class ImportYaml {
  /** Text YAML reads back as the same string without quotes: no numbers, booleans, colons or specials. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z/_.][A-Za-z0-9/_.@+-]*");
  private static final Pattern YAML_WORDS = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|~");

  private final StringBuilder out = new StringBuilder();

  private ImportYaml() {}

  static String write(ImportedStack stack, String header) {
    return new ImportYaml().stack(stack, header);
  }

  private String stack(ImportedStack stack, String header) {
    comment("", header);
    stack.notes().forEach(n -> comment("", n));
    out.append("version: 1\nstack: ").append(text(stack.stack())).append('\n');
    if (!stack.networks().isEmpty()) {
      out.append("\nnetworks:\n");
      stack.networks().values().forEach(this::network);
    }
    out.append("\ncontainers:").append(stack.containers().isEmpty() ? " {}\n" : "\n");
    for (ImportedContainer c : stack.containers()) {
      c.notes().forEach(n -> comment("  ", n));
      container(c.spec());
    }
    return out.toString();
  }

  private void network(NetworkSpec n) {
    out.append("  ").append(text(n.name())).append(":");
    if (n.subnet().isEmpty() && n.dns()) {
      out.append(" {}\n");
      return;
    }
    out.append('\n');
    n.subnet().ifPresent(s -> line(4, "subnet", text(s)));
    n.gateway().ifPresent(g -> line(4, "gateway", text(g)));
    if (!n.dns()) {
      line(4, "dns", "false");
    }
  }

  private void container(ContainerSpec c) {
    out.append("  ").append(text(c.name())).append(":\n");
    line(4, "image", text(c.image()));
    if (!(c.network() instanceof NetworkAttachment.PodmanDefault)) {
      line(4, "network", text(c.network().toString()));
    }
    list(4, "aliases", c.aliases());
    list(4, "ports", c.ports().stream().map(Object::toString).toList());
    list(4, "volumes", c.volumes().stream().map(Object::toString).toList());
    list(4, "capAdd", c.capAdd());
    list(4, "capDrop", c.capDrop());
    list(4, "devices", c.devices().stream().map(ImportYaml::device).toList());
    if (c.privileged()) {
      line(4, "privileged", "true");
    }
    list(4, "envFiles", c.envFiles());
    map(4, "env", c.env());
    c.health().ifPresent(this::health);
    c.memoryBytes().ifPresent(m -> line(4, "memory", memory(m)));
    c.cpus().ifPresent(v -> line(4, "cpus", String.valueOf(v)));
    c.entrypoint().ifPresent(e -> flowList(4, "entrypoint", e));
    c.command().ifPresent(e -> flowList(4, "command", e));
    c.user().ifPresent(u -> line(4, "user", text(u)));
    c.workdir().ifPresent(w -> line(4, "workdir", text(w)));
    c.hostname().ifPresent(h -> line(4, "hostname", text(h)));
    map(4, "labels", c.labels());
    if (c.restart() != RestartPolicy.UNLESS_STOPPED) {
      line(4, "restart", text(c.restart().word()));
    }
    c.stopTimeout().ifPresent(t -> line(4, "stopTimeout", duration(t)));
  }

  private void health(HealthCheck h) {
    out.append("    health:\n");
    flowList(6, "test", h.test());
    if (!h.interval().equals(HealthCheck.DEFAULT_INTERVAL)) {
      line(6, "interval", duration(h.interval()));
    }
    if (!h.timeout().equals(HealthCheck.DEFAULT_TIMEOUT)) {
      line(6, "timeout", duration(h.timeout()));
    }
    if (h.retries() != HealthCheck.DEFAULT_RETRIES) {
      line(6, "retries", String.valueOf(h.retries()));
    }
    if (!h.startPeriod().isZero()) {
      line(6, "startPeriod", duration(h.startPeriod()));
    }
  }

  private static String device(DeviceMapping d) {
    return d.hostPath() + ":" + d.containerPath() + ":" + d.permissions();
  }

  /** In the largest unit that is exact: 2g, 256m, 7169k, 6291457 (bytes). */
  static String memory(long bytes) {
    String[] units = {"g", "m", "k"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return String.valueOf(bytes);
  }

  /** In the largest unit that is exact: 90s, 2m, 1500ms. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private void list(int indent, String key, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    out.append(" ".repeat(indent)).append(key).append(":\n");
    values.forEach(v -> out.append(" ".repeat(indent + 2)).append("- ").append(text(v)).append('\n'));
  }

  private void flowList(int indent, String key, List<String> values) {
    line(indent, key, "[" + String.join(", ", values.stream().map(ImportYaml::quoted).toList()) + "]");
  }

  /** Values always quoted: env and label values are text, whatever they look like. */
  private void map(int indent, String key, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    out.append(" ".repeat(indent)).append(key).append(":\n");
    values.forEach((k, v) -> line(indent + 2, text(k), quoted(v)));
  }

  private void line(int indent, String key, String value) {
    out.append(" ".repeat(indent)).append(key).append(": ").append(value).append('\n');
  }

  private void comment(String indent, String text) {
    text.lines().forEach(l -> out.append(indent).append("# ").append(l).append('\n'));
  }

  static String text(String value) {
    return PLAIN.matcher(value).matches() && !YAML_WORDS.matcher(value).matches() ? value : quoted(value);
  }

  /** A YAML double-quoted scalar (JSON's escapes are YAML's). */
  static String quoted(String value) {
    StringBuilder q = new StringBuilder("\"");
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> {
          if (ch < 0x20) {
            q.append(String.format("\\u%04x", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
