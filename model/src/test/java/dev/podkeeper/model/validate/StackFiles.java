package dev.podkeeper.model.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds test files of containers in block style, so places are easy to count: the file starts with
 * version, stack, {@code networks: { n: {} }} and {@code containers:} (lines 1-4); each container then
 * takes its name line, {@code image}, {@code network} and one line per extra key, indented by four.
 */
final class StackFiles {
  private final List<String> lines = new ArrayList<>(List.of("version: 1", "stack: s", "networks: { n: {} }", "containers:"));

  static StackFiles stack() {
    return new StackFiles();
  }

  StackFiles container(String name, String network, String... keys) {
    lines.add("  " + name + ":");
    lines.add("    image: i");
    lines.add("    network: " + network);
    for (String key : keys) {
      lines.add("    " + key);
    }
    return this;
  }

  /** Lines after the containers, at the top level. */
  StackFiles top(String... more) {
    lines.addAll(List.of(more));
    return this;
  }

  String yaml() {
    return String.join("\n", lines) + "\n";
  }
}
