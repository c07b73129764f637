package dev.podkeeper.agent.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.write.DocNode;
import dev.podkeeper.model.write.DocNode.Mapping;
import dev.podkeeper.model.write.DocNode.Sequence;
import dev.podkeeper.model.write.SecretLikeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One compose service as one podkeeper container, key by key in the service's own order. A key without a
 * meaning here becomes a comment at its place that says why; environment variables whose names say they are
 * secrets go to an env file of their own ({@link #secrets()}) instead of the container's {@code env}.
 */
final class ServiceMapper {
  /** Compose keys whose content is kept as it is, under podkeeper's name for them. */
  private static final Map<String, String> SAME = Map.of("image", "image", "user", "user", "working_dir", "workdir",
      "hostname", "hostname", "pull_policy", "pull");
  private static final Map<String, String> LISTS = Map.of("cap_add", "capAdd", "cap_drop", "capDrop",
      "devices", "devices");
  private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");

  private final ComposeProject project;
  private final String name;
  private final String at;
  private final Mapping container = new Mapping();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final List<String> dependsOn = new ArrayList<>();
  private final List<String> awaitedHealthy = new ArrayList<>();
  private String networkKey;
  private boolean inNamespace;

  private ServiceMapper(ComposeProject project, String name) {
    this.project = project;
    this.name = name;
    this.at = "services." + name;
  }

  static ServiceMapper map(ComposeProject project, String name, JsonNode service) throws ComposeImportException {
    ServiceMapper mapper = new ServiceMapper(project, name);
    mapper.mapAll(service);
    return mapper;
  }

  Mapping container() {
    return container;
  }

  /** Secret-looking variables of {@code environment}, in order; values are null unless secrets are included. */
  Map<String, String> secrets() {
    return secrets;
  }

  private void mapAll(JsonNode service) throws ComposeImportException {
    if (!service.isObject()) {
      throw new ComposeImportException(at + " is not a mapping");
    }
    if (service.has("<<")) {
      // Jackson reads a merge key as a key of that name: what it merges would silently be missing.
      throw new ComposeImportException(at + " uses a merge key (<<), which this import does not expand; write the"
          + " file out first: docker compose config > flat.yaml");
    }
    if (!service.has("image")) {
      container.comment("no image: podkeeper runs images, it does not build them; write the image you build");
      container.put("image", "localhost/" + name + ":latest");
    }
    inNamespace = service.path("network_mode").asText("").matches("(service|container):.*");
    if (!service.has("network_mode") && !service.has("networks")) {
      networkKey = project.network(ComposeProject.DEFAULT);
      container.put("network", networkKey).commentAfter("compose's project network");
    }
    var fields = service.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      mapKey(field.getKey(), field.getValue());
    }
    if (!dependsOn.isEmpty()) {
      DocNode.Item item = container.put("dependsOn", DocNode.texts(dependsOn));
      if (!awaitedHealthy.isEmpty()) {
        item.commentAfter("service_healthy needs no key: " + String.join(", ", awaitedHealthy)
            + " is awaited until healthy, as every dependency with a health check");
      }
    }
  }

  private void mapKey(String key, JsonNode value) throws ComposeImportException {
    String where = at + "." + key;
    if (SAME.containsKey(key)) {
      container.put(SAME.get(key), value.asText());
    } else if (LISTS.containsKey(key)) {
      container.put(LISTS.get(key), DocNode.texts(ComposeValues.strings(value)));
    } else {
      switch (key) {
        case "container_name" -> container.comment("container_name: " + value.asText()
            + ": the container is named by its key, " + name);
        case "network_mode" -> networkMode(value.asText());
        case "networks" -> networks(value);
        case "ports" -> ports(where, value);
        case "depends_on" -> dependsOn(value);
        case "volumes" -> volumes(value);
        case "environment" -> environment(value);
        case "env_file" -> envFiles(value);
        case "healthcheck" -> ComposeHealth.map(where, value).ifPresentOrElse(h -> container.put("health", h),
            () -> container.comment("healthcheck disabled in compose: no health check"));
        case "restart" -> restart(value.asText());
        case "mem_limit" -> limit("memory", DocNode.text(ComposeValues.size(where, value.asText())), where);
        case "cpus" -> limit("cpus", DocNode.literal(value.asText()), where);
        case "deploy" -> deploy(where, value);
        case "command", "entrypoint" -> container.put(key,
            value.isArray() ? DocNode.texts(ComposeValues.strings(value)) : DocNode.text(value.asText()));
        case "labels" -> labels(value);
        case "privileged" -> container.put("privileged", DocNode.literal(value.asBoolean()));
        case "stop_grace_period" -> container.put("stopTimeout", ComposeValues.duration(where, value.asText()));
        case "build" -> container.comment("build: podkeeper runs images, it does not build them");
        case "expose" -> container.comment("expose: " + value + ": containers on one network reach each other's"
            + " ports without it");
        default -> container.comment(key + ": " + value + ": no counterpart in podkeeper, left out");
      }
    }
  }

  private void networkMode(String mode) throws ComposeImportException {
    int colon = mode.indexOf(':');
    String kind = colon < 0 ? mode : mode.substring(0, colon);
    if (kind.equals("service") || kind.equals("container")) {
      String target = mode.substring(colon + 1);
      String provider = project.service(target).orElseThrow(() -> new ComposeImportException(
          at + ".network_mode \"" + mode + "\" names no service of this file"));
      container.put("network", "container:" + provider).commentAfter("was network_mode: " + mode);
    } else if (kind.equals("bridge")) {
      container.comment("network_mode: bridge: Podman's default network, as when network is left out");
    } else {
      container.comment("network_mode: " + mode + " is not offered: podkeeper keeps each container on a bridge"
          + " network with its ports on loopback; publish the ports this service needs");
    }
  }

  private void networks(JsonNode networks) {
    List<String> names = new ArrayList<>();
    if (networks.isObject()) {
      networks.fieldNames().forEachRemaining(names::add);
    } else {
      names.addAll(ComposeValues.strings(networks));
    }
    if (names.isEmpty()) {
      return;
    }
    networkKey = project.network(names.get(0));
    container.put("network", networkKey);
    JsonNode first = networks.path(names.get(0));
    if (first.has("aliases")) {
      container.put("aliases", DocNode.texts(ComposeValues.strings(first.get("aliases"))));
    }
    first.fieldNames().forEachRemaining(k -> {
      if (!k.equals("aliases")) {
        container.comment("networks." + names.get(0) + "." + k + ": " + first.get(k) + ": no counterpart, left out");
      }
    });
    if (names.size() > 1) {
      container.comment("also on " + String.join(", ", names.subList(1, names.size()))
          + " in compose: a podkeeper container joins one network");
    }
  }

  private void ports(String where, JsonNode ports) throws ComposeImportException {
    if (inNamespace) {
      container.comment("ports: " + ports + ": a container in another's namespace publishes none; publish them"
          + " on its provider");
      return;
    }
    Sequence mapped = new Sequence();
    boolean lan = false;
    for (ComposePorts.Port port : ComposePorts.map(where, ports)) {
      DocNode.Item item = mapped.add(DocNode.text(port.spec()));
      port.note().ifPresent(item::commentAfter);
      lan |= port.needsLanAccess();
    }
    container.put("ports", mapped);
    if (lan) {
      container.put("lanAccess", DocNode.literal(true)).commentAfter("compose published a port on a LAN address");
    }
  }

  private void dependsOn(JsonNode dependencies) {
    if (!dependencies.isObject()) {
      dependsOn.addAll(ComposeValues.strings(dependencies));
      return;
    }
    dependencies.fields().forEachRemaining(e -> {
      String condition = e.getValue().path("condition").asText("service_started");
      if (condition.equals("service_completed_successfully")) {
        container.comment("depends_on " + e.getKey() + " (service_completed_successfully) is not offered:"
            + " podkeeper keeps containers running; run a one-shot step as a unit in requiresUnits");
        return;
      }
      dependsOn.add(e.getKey());
      if (condition.equals("service_healthy") && project.hasHealthCheck(e.getKey())) {
        awaitedHealthy.add(e.getKey());
      } else if (condition.equals("service_healthy")) {
        container.comment("depends_on " + e.getKey() + " waited for service_healthy, but " + e.getKey()
            + " has no healthcheck: it is awaited until running");
      }
    });
  }

  private void volumes(JsonNode volumes) {
    Sequence mapped = new Sequence();
    for (JsonNode volume : volumes) {
      ComposeVolumes.Volume v = ComposeVolumes.map(volume, project.baseDirectory());
      if (v.spec().isPresent()) {
        DocNode.Item item = mapped.add(DocNode.text(v.spec().get()));
        v.note().ifPresent(item::commentAfter);
      } else {
        container.comment("volume " + v.note().orElseThrow());
      }
    }
    if (!mapped.isEmpty()) {
      container.put("volumes", mapped);
    }
  }

  private void environment(JsonNode environment) {
    Mapping env = new Mapping();
    ComposeValues.keyValues(environment).forEach((key, value) -> {
      if (value == null) {
        container.comment("env " + key + " comes from the shell's environment in compose: write its value");
      } else if (SecretLikeNames.looksSecret(key)) {
        secrets.put(key, project.includeSecrets() ? value : null);
      } else {
        env.put(key, value);
      }
    });
    if (!secrets.isEmpty()) {
      container.comment("env " + String.join(", ", secrets.keySet()) + " look like secrets: they are in envFiles "
          + EnvFilesSection.secretsName(name));
    }
    if (!env.isEmpty()) {
      container.put("env", env);
    }
  }

  private void envFiles(JsonNode files) {
    Sequence mapped = new Sequence();
    for (JsonNode file : files.isArray() ? files : List.of(files)) {
      String path = file.isObject() ? file.path("path").asText() : file.asText();
      mapped.add(DocNode.text(project.baseDirectory().resolve(path).normalize().toString()));
    }
    container.put("envFiles", mapped).commentAfter("read as they are; podkeeper does not write these");
  }

  private void restart(String policy) {
    String word = policy.startsWith("on-failure") ? "on-failure" : policy;
    if (!RESTART.contains(word)) {
      container.comment("restart: " + policy + " is not a policy; podkeeper's default unless-stopped applies");
      return;
    }
    DocNode.Item item = container.put("restart", word);
    if (!word.equals(policy)) {
      item.commentAfter("was " + policy + ": Podman's retry count is not set");
    }
  }

  private void deploy(String where, JsonNode deploy) throws ComposeImportException {
    JsonNode limits = deploy.path("resources").path("limits");
    String at = where + ".resources.limits";
    if (limits.hasNonNull("memory")) {
      limit("memory", DocNode.text(ComposeValues.size(at + ".memory", limits.get("memory").asText())), at + ".memory");
    }
    if (limits.hasNonNull("cpus")) {
      limit("cpus", DocNode.literal(limits.get("cpus").asText()), at + ".cpus");
    }
    deploy.fieldNames().forEachRemaining(k -> {
      if (!k.equals("resources")) {
        container.comment("deploy." + k + ": " + deploy.get(k) + ": no counterpart on one host, left out");
      }
    });
  }

  /** A limit compose may give twice (mem_limit and deploy.resources.limits): the first one given wins. */
  private void limit(String key, DocNode value, String where) {
    if (container.get(key).isPresent()) {
      container.comment(where + " left out: " + key + " is set above already");
    } else {
      container.put(key, value);
    }
  }

  private void labels(JsonNode labels) {
    Mapping mapped = new Mapping();
    ComposeValues.keyValues(labels).forEach((k, v) -> mapped.put(k, v == null ? "" : v));
    container.put("labels", mapped);
  }

  Optional<String> network() {
    return Optional.ofNullable(networkKey);
  }
}
