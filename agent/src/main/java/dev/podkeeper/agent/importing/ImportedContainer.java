package dev.podkeeper.agent.importing;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.ContainerSpec;
import java.util.List;
import java.util.Map;

/**
 * One container as the import writes it: the spec (secret-looking variables left out of its env), the
 * variables moved to an env file, by name (their values are never printed), and notes for the reader.
 *
 * @param secretEnv the moved variables with their values, so that a round trip can check them; never printed
 * @param notes comments written above the container: what was changed or left out, and why
 */
record ImportedContainer(ContainerSpec spec, Map<String, String> secretEnv, List<String> notes) {
  ImportedContainer {
    requireNonNull(spec, "spec is null");
    secretEnv = Map.copyOf(secretEnv);
    notes = List.copyOf(notes);
  }

  @Override
  public String toString() {
    return "ImportedContainer[" + spec.name() + "]"; // never the secret values
  }
}
