package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.podkeeper.model.write.DesiredStateWriter;
import dev.podkeeper.model.write.DocNode;
import dev.podkeeper.model.write.DocNode.Mapping;
import dev.podkeeper.model.write.DocNode.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code podkeeper import compose}: a compose file (compose-spec names) as a desired-state file, in the compose
 * file's order: networks, then the env files secrets moved to, then one container per service. Pure: the text
 * in, the text out.
 */
public final class ComposeImporter {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ComposeImporter() {}

  /**
   * @param baseDirectory the compose file's directory: relative bind mounts and env files are resolved there
   * @param stack the stack name; else compose's {@code name:}, else the directory's name (compose's project)
   * @param includeSecrets write secret-looking values into the file instead of pointing at files for them
   */
  public static String convert(String text, Path baseDirectory, Optional<String> stack, boolean includeSecrets)
      throws ComposeImportException {
    JsonNode root = read(text);
    String stackName = stack.orElseGet(() -> stackName(root, baseDirectory));
    JsonNode services = root.path("services");
    if (!services.isObject() || services.isEmpty()) {
      throw new ComposeImportException("the file has no services");
    }
    ComposeProject project = new ComposeProject(stackName, baseDirectory, services, stackName + "-default",
        includeSecrets);
    Map<String, ServiceMapper> mapped = new LinkedHashMap<>();
    var fields = services.fields();
    while (fields.hasNext()) {
      var service = fields.next();
      mapped.put(service.getKey(), ServiceMapper.map(project, service.getKey(), service.getValue()));
    }
    Mapping file = new Mapping();
    file.put("version", DocNode.literal(1));
    file.put("stack", stackName);
    Mapping networks = ComposeNetworks.map(root.path("networks"), project, mapped.values());
    if (!networks.isEmpty()) {
      file.put("networks", networks);
    }
    Mapping envFiles = new Mapping();
    mapped.forEach((name, m) -> {
      if (!m.secrets().isEmpty()) {
        envFiles.put(EnvFilesSection.secretsName(name), EnvFilesSection.entry(stackName, name, m.secrets()));
        Sequence names = new Sequence();
        names.add(DocNode.text(EnvFilesSection.secretsName(name)));
        m.container().put("envFiles", names);
      }
    });
    if (!envFiles.isEmpty()) {
      file.put("envFiles", envFiles);
    }
    Mapping containers = new Mapping();
    mapped.forEach((name, m) -> containers.put(name, m.container()));
    file.put("containers", containers);
    topLevelComments(root).forEach(file::comment);
    return DesiredStateWriter.write(List.of("Imported from a compose file by podkeeper import compose.",
        "Check it with: podkeeper validate FILE, then podkeeper plan FILE.", ""), file);
  }

  private static JsonNode read(String text) throws ComposeImportException {
    try {
      JsonNode root = YAML.readTree(text);
      if (root == null || !root.isObject()) {
        throw new ComposeImportException("the file is not a compose file (a mapping with services:)");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ComposeImportException("not YAML: " + e.getOriginalMessage()
          + Optional.ofNullable(e.getLocation()).map(l -> " at line " + l.getLineNr() + ", column "
              + l.getColumnNr()).orElse(""));
    }
  }

  /** Compose's project name rules, narrowed to podkeeper's: lower case, digits and dashes. */
  private static String stackName(JsonNode root, Path baseDirectory) {
    String name = root.hasNonNull("name") ? root.get("name").asText()
        : Optional.ofNullable(baseDirectory.getFileName()).map(Path::toString).orElse("imported");
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return cleaned.isEmpty() ? "imported" : cleaned;
  }

  private static List<String> topLevelComments(JsonNode root) {
    List<String> comments = new ArrayList<>();
    root.fieldNames().forEachRemaining(key -> {
      switch (key) {
        case "services", "networks", "name" -> { }
        case "version" -> comments.add("version: " + root.get(key).asText() + ": compose's file version, obsolete");
        case "volumes" -> comments.add("volumes " + String.join(", ", names(root.get(key)))
            + ": named volumes need no declaration; Podman creates them on first use");
        default -> comments.add(key + ": no counterpart in podkeeper, left out");
      }
    });
    return comments;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
