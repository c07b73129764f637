package dev.podkeeper.agent.importing;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.NetworkSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code import engine} found, in the order it is written: networks by name, containers providers first.
 *
 * @param notes comments for the top of the file (containers left out, and why)
 */
record ImportedStack(String stack, Map<String, NetworkSpec> networks, List<ImportedContainer> containers,
    List<String> notes) {
  ImportedStack {
    requireNonNull(stack, "stack is null");
    networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    containers = List.copyOf(containers);
    notes = List.copyOf(notes);
  }
}
