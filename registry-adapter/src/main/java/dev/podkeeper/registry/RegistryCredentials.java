package dev.podkeeper.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.port.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins the engine uses for pulls ({@code podman login} writes them): the containers-auth.json file at
 * {@code $REGISTRY_AUTH_FILE}, else {@code /run/containers/0/auth.json} (root's). Read through {@link HostFiles},
 * so a link planted there is refused and the read is bounded. The values never leave this class but as an
 * {@code Authorization} header; a file that cannot be read is logged by path and reason only.
 */
final class RegistryCredentials {
  static final Path ROOT_AUTH_FILE = Path.of("/run/containers/0/auth.json");
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCredentials.class);
  /** The keys Docker Hub's login is found under, in the order the engines look. */
  private static final List<String> DOCKER_HUB_KEYS = List.of("docker.io", "index.docker.io", "registry-1.docker.io",
      "https://index.docker.io/v1/");

  private final HostFiles files;
  private final Path authFile;
  private final ObjectMapper json = new ObjectMapper();

  RegistryCredentials(HostFiles files, Path authFile) {
    this.files = files;
    this.authFile = authFile;
  }

  /** The file the engine reads: {@code $REGISTRY_AUTH_FILE} when set, else root's. */
  static Path engineAuthFile() {
    String variable = System.getenv("REGISTRY_AUTH_FILE");
    return variable == null || variable.isBlank() ? ROOT_AUTH_FILE : Path.of(variable);
  }

  /** {@code base64(user:password)} for the registry, as the file has it; empty without a login. */
  Optional<String> basic(String registry) {
    Optional<JsonNode> auths = auths();
    if (auths.isEmpty()) {
      return Optional.empty();
    }
    List<String> keys = registry.equals("docker.io") ? DOCKER_HUB_KEYS : List.of(registry, "https://" + registry);
    for (String key : keys) {
      JsonNode entry = auths.get().path(key);
      if (entry.hasNonNull("auth") && !entry.get("auth").asText().isBlank()) {
        return Optional.of(entry.get("auth").asText());
      }
      if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
        String pair = entry.get("username").asText() + ":" + entry.get("password").asText();
        return Optional.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return Optional.empty();
  }

  private Optional<JsonNode> auths() {
    try {
      return Optional.of(json.readTree(files.read(authFile)).path("auths"));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      // Jackson's message could quote the file, secrets and all: only that it is not JSON is said.
      LOG.warn("cannot read registry logins from {}: not JSON", authFile);
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("cannot read registry logins from {}: {}", authFile, e.getMessage());
      return Optional.empty();
    }
  }
}
