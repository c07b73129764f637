package dev.podkeeper.model.parse;

import dev.podkeeper.model.testing.SampleStacks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Inputs for {@link ParseFuzzTest}: generated flow-style documents, valid templates, and their mutations. */
final class FuzzDocuments {
  private static final List<String> KEYS = List.of("containers", "networks", "directories", "envFiles", "units",
      "defaults", "image", "network", "ports", "volumes", "devices", "env", "envFiles", "dependsOn", "requiresUnits",
      "health", "test", "interval", "retries", "memory", "cpus", "command", "entrypoint", "labels", "restart",
      "stopTimeout", "lanAccess", "privileged", "aliases", "hostname", "subnet", "gateway", "dns", "path", "owner",
      "mode", "values", "fromFile", "state", "enabled", "pull", "a", "b", "vpn", "n", "jellyfin.service", "<<", "");
  private static final List<String> SCALARS = List.of("i", "n", "a", "b", "container:a", "container:b",
      "container:", "127.0.0.1:80:80", "0.0.0.0:80:80", "[::1]:8080:80/udp", "8080:80", "127.0.0.1:0:80",
      "/srv/a", "/srv/a:/config:ro", "vol:/data", "/dev/net/tun", "relative/path", "/srv/../etc", "//x",
      "10.89.0.0/24", "10.89.0.1", "::/0", "10.89.0.0/99", "1000:1000", "0:0", "-1:0", "0750", "0999",
      "2g", "0", "99999999999999999999g", "0.5", "1e308", ".inf", "10s", "1m30s", "9999999h", "3", "true",
      "false", "yes", "~", "null", "\"\"", "''", "always", "never", "on-failure", "active", "inactive",
      "CMD", "CMD-SHELL", "NONE", "\"sh -c 'x\"", "a.service", "dev.podkeeper.stack", "\"\\u0000\"",
      "\"\\ud800\"", "\"line\\nbreak\"", "*x", "&x v", "!!binary aGk=", "!!str 1", "\"caf\u00e9\"",
      "\"\uD83D\uDE00\"");
  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z][A-Za-z0-9.-]*):");

  private FuzzDocuments() {}

  /** A mapping of up to three levels, rendered in flow style: {@code containers: {a: {image: i, ...}}}. */
  static Arbitrary<String> document() {
    return mapping(3).map(m -> m.substring(1, m.length() - 1).replace(", ", "\n"));
  }

  private static Arbitrary<String> mapping(int depth) {
    Arbitrary<String> entry = Combinators.combine(Arbitraries.of(KEYS), value(depth - 1))
        .as((k, v) -> (k.isEmpty() ? "\"\"" : k) + ": " + v);
    return entry.list().ofMaxSize(6).map(entries -> "{" + String.join(", ", entries) + "}");
  }

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar = Arbitraries.of(SCALARS);
    Arbitrary<String> list = scalar.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
    if (depth <= 0) {
      return Arbitraries.oneOf(scalar, list);
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar),
        net.jqwik.api.Tuple.of(1, list),
        net.jqwik.api.Tuple.of(3, Arbitraries.lazy(() -> mapping(depth))));
  }

  /** Valid files to mutate: the spec's example, and the shapes the tests and the seed server use. */
  static List<String> templates() {
    return List.of(resource("/dev/podkeeper/model/parse/spec-example.yaml"), SampleStacks.MEDIA_PREAMBLE + """
        containers:
          gluetun: &base
            image: localhost/gluetun:1
            network: media
            envFiles: [vpn]
            health: { test: "wget -q -O- http://127.0.0.1:9999", interval: 10s }
          qbittorrent:
            image: localhost/qbittorrent:1
            network: container:gluetun
            volumes: [/srv/media/qbittorrent:/config]
          sonarr:
            <<: *base
            image: localhost/sonarr:1
            envFiles: []
            health: { test: [NONE] }
            ports: ["127.0.0.1:8989:8989", "[::1]:8989:8989/udp"]
            dependsOn: [qbittorrent]
            labels: { app: sonarr, tier: "" }
        """);
  }

  private static String resource(String name) {
    try (InputStream in = FuzzDocuments.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  enum Kind { FLIP_BYTE, DELETE_RANGE, TRUNCATE, INSERT_TOKEN, SWAP_LINES, DUPLICATE_LINE, SWAP_KEYS, INDENT, DEDENT,
    REPLACE_VALUE }

  /** One change; {@code a} and {@code b} pick places (taken modulo the size), {@code token} what to insert. */
  record Mutation(Kind kind, int a, int b, String token) {}

  static Arbitrary<Mutation> mutation() {
    Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(SCALARS), Arbitraries.of(":", "- ", "\t", "\n",
        "{", "[", "&", "*", "#", "'", "\"", "\r", "\u0000", "\uFEFF", "\u00ff"));
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1 << 20),
        Arbitraries.integers().between(0, 1 << 20), token).as(Mutation::new);
  }

  static byte[] mutate(String template, List<Mutation> mutations) {
    byte[] bytes = template.getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      bytes = apply(bytes, m);
    }
    return bytes;
  }

  private static byte[] apply(byte[] bytes, Mutation m) {
    int n = Math.max(1, bytes.length);
    return switch (m.kind()) {
      case FLIP_BYTE -> {
        byte[] flipped = bytes.clone();
        if (flipped.length > 0) {
          flipped[m.a() % n] ^= (byte) (1 << (m.b() % 8));
        }
        yield flipped;
      }
      case DELETE_RANGE -> {
        int from = m.a() % n;
        int to = Math.min(bytes.length, from + m.b() % 64);
        yield concat(Arrays.copyOfRange(bytes, 0, Math.min(from, bytes.length)), Arrays.copyOfRange(bytes, to, bytes.length));
      }
      case TRUNCATE -> Arrays.copyOf(bytes, m.a() % n);
      case INSERT_TOKEN -> {
        int at = Math.min(bytes.length, m.a() % n);
        yield concat(concat(Arrays.copyOf(bytes, at), m.token().getBytes(StandardCharsets.UTF_8)),
            Arrays.copyOfRange(bytes, at, bytes.length));
      }
      default -> lines(bytes, m);
    };
  }

  /** The line-level mutations work on text; bytes that are not UTF-8 become U+FFFD first. */
  private static byte[] lines(byte[] bytes, Mutation m) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
    int i = m.a() % lines.size();
    int j = m.b() % lines.size();
    switch (m.kind()) {
      case SWAP_LINES -> {
        String line = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }
      case DUPLICATE_LINE -> lines.add(j, lines.get(i));
      case SWAP_KEYS -> {
        Matcher first = KEY.matcher(lines.get(i));
        Matcher second = KEY.matcher(lines.get(j));
        if (first.find() && second.find()) {
          String a = lines.get(i);
          String b = lines.get(j);
          lines.set(i, first.group(1) + second.group(2) + a.substring(first.end() - 1));
          lines.set(j, second.group(1) + first.group(2) + b.substring(second.end() - 1));
        }
      }
      case INDENT -> lines.set(i, "  " + lines.get(i));
      case DEDENT -> lines.set(i, lines.get(i).replaceFirst("^ {1,2}", ""));
      case REPLACE_VALUE -> {
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        if (colon >= 0) {
          lines.set(i, line.substring(0, colon + 2) + m.token());
        }
      }
      default -> throw new IllegalArgumentException(m.kind().toString());
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
