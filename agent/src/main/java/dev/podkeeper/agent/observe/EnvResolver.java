package dev.podkeeper.agent.observe;

import dev.podkeeper.agent.plan.EnvFileFacts;
import dev.podkeeper.agent.plan.Redacted;
import dev.podkeeper.agent.plan.Resolution;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import dev.podkeeper.model.port.HostFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads secret files and env files, and merges each container's env (defaults, then its env files in
 * order, then its own env). The only place secrets are read; problems name files and keys, never values.
 */
final class EnvResolver {
  private final HostFiles files;
  private final Map<String, Resolution<Map<String, String>>> envFileValues = new LinkedHashMap<>();
  private final Set<String> secrets = new HashSet<>();

  EnvResolver(HostFiles files) {
    this.files = files;
  }

  Map<String, EnvFileFacts> envFiles(DesiredState desired) {
    Map<String, EnvFileFacts> facts = new LinkedHashMap<>();
    for (EnvFileSpec spec : desired.envFiles().values()) {
      Resolution<Map<String, String>> values = values(spec);
      envFileValues.put(spec.name(), values);
      facts.put(spec.name(), new EnvFileFacts(render(values), current(spec.path())));
    }
    return facts;
  }

  /** Call after {@link #envFiles}: containers take the values of the env files they name. */
  Map<String, Resolution<Redacted<Map<String, String>>>> containerEnv(DesiredState desired) {
    Map<String, Resolution<Redacted<Map<String, String>>>> envs = new LinkedHashMap<>();
    for (ContainerSpec spec : desired.containers().values()) {
      envs.put(spec.name(), merged(desired, spec));
    }
    return envs;
  }

  Set<String> secretValues() {
    return Set.copyOf(secrets);
  }

  private Resolution<Map<String, String>> values(EnvFileSpec spec) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    spec.values().forEach((key, value) -> {
      if (value instanceof EnvValue.Literal literal) {
        values.put(key, literal.value());
      } else {
        Path path = ((EnvValue.FromFile) value).path();
        try {
          String secret = EnvFileFormat.secretValue(files.read(path));
          secrets.add(secret);
          values.put(key, secret);
        } catch (IOException e) {
          problems.add("secret file " + path + " (for " + key + ") " + unreadable(e));
        }
      }
    });
    return problems.isEmpty() ? Resolution.of(values) : Resolution.failed(String.join("; ", problems));
  }

  private static Resolution<Redacted<byte[]>> render(Resolution<Map<String, String>> values) {
    if (!values.resolved()) {
      return Resolution.failed(values.problem().get());
    }
    try {
      return Resolution.of(Redacted.of(EnvFileFormat.render(values.value().get())));
    } catch (IllegalArgumentException e) {
      return Resolution.failed(e.getMessage());
    }
  }

  private Optional<Redacted<byte[]>> current(Path path) {
    try {
      return files.attributes(path).isPresent() ? Optional.of(Redacted.of(files.read(path))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // then it is written again, and the write reports what is wrong
    }
  }

  private Resolution<Redacted<Map<String, String>>> merged(DesiredState desired, ContainerSpec spec) {
    Map<String, String> env = new LinkedHashMap<>(desired.defaults().env());
    for (String ref : spec.envFiles()) {
      Resolution<Map<String, String>> values = envFileValues.containsKey(ref) ? envFileValues.get(ref) : pathEnvFile(ref);
      if (!values.resolved()) {
        return Resolution.failed("env file " + ref + " cannot be resolved: " + values.problem().get());
      }
      env.putAll(values.value().get());
    }
    env.putAll(spec.env());
    return Resolution.of(Redacted.of(env));
  }

  /** An env file named by absolute path: an existing file podkeeper reads but does not write. */
  private Resolution<Map<String, String>> pathEnvFile(String path) {
    try {
      Map<String, String> values = EnvFileFormat.parse(files.read(Path.of(path)));
      // The user's own secret store: its values are scrubbed from error texts like those of secret files.
      values.values().stream().filter(v -> !v.isEmpty()).forEach(secrets::add);
      return Resolution.of(values);
    } catch (IOException e) {
      return Resolution.failed(path + " " + unreadable(e));
    }
  }

  private static String unreadable(IOException e) {
    return IoWords.of(e);
  }
}
