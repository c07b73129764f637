package dev.podkeeper.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code podkeeper export --format kube}: the desired state as Kubernetes manifests that {@code podman kube play}
 * (and a cluster) runs: a Secret per env file, then a Pod per container, except that a namespace provider and
 * its members are one Pod. What has no equivalent is listed in a comment block at the top. fabric8's types stay
 * in this package: callers get text.
 */
public final class KubeManifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
      .disable(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS);

  private KubeManifests() {}

  /** @param includeSecrets write env files' literal values into their Secrets (else every value is left empty) */
  public static String render(DesiredState state, boolean includeSecrets) {
    List<HasMetadata> objects = new ArrayList<>();
    state.envFiles().values().forEach(f -> objects.add(secret(state.stack(), f, includeSecrets)));
    for (List<ContainerSpec> group : PodGroups.of(state.containers())) {
      objects.add(pod(state, group));
    }
    StringBuilder out = new StringBuilder();
    NoEquivalent.of(state, includeSecrets).forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    for (HasMetadata object : objects) {
      out.append("---\n").append(yaml(object));
    }
    return out.toString();
  }

  private static Pod pod(DesiredState state, List<ContainerSpec> group) {
    ContainerSpec provider = group.get(0);
    PodVolumes volumes = new PodVolumes(group);
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(KubeNames.of(provider.name()))
        .withLabels(Map.of("app.kubernetes.io/part-of", KubeNames.of(state.stack()))).endMetadata()
        .withNewSpec()
        .withRestartPolicy(switch (provider.restart()) {
          case NO -> "Never";
          case ON_FAILURE -> "OnFailure";
          case ALWAYS, UNLESS_STOPPED -> "Always";
        })
        .withVolumes(volumes.all())
        .endSpec();
    provider.hostname().ifPresent(h -> pod.editSpec().withHostname(h).endSpec());
    provider.stopTimeout().ifPresent(t -> pod.editSpec().withTerminationGracePeriodSeconds(t.toSeconds()).endSpec());
    for (ContainerSpec c : group) {
      // The Pod's network namespace is the provider's: its published ports serve every member.
      pod.editSpec().addToContainers(ContainerManifest.of(c, state.defaults().env(),
          c == provider ? provider.ports() : List.of(), volumes)).endSpec();
    }
    return pod.build();
  }

  private static Secret secret(String stack, EnvFileSpec file, boolean includeSecrets) {
    Map<String, String> values = new LinkedHashMap<>();
    file.values().forEach((key, value) -> values.put(key,
        includeSecrets && value instanceof EnvValue.Literal literal ? literal.value() : ""));
    return new SecretBuilder().withNewMetadata().withName(KubeNames.of(file.name()))
        .withLabels(Map.of("app.kubernetes.io/part-of", KubeNames.of(stack))).endMetadata()
        .withType("Opaque").withStringData(values).build();
  }

  private static String yaml(HasMetadata object) {
    try {
      return YAML.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a model object that does not serialize is a bug here, not input
    }
  }
}
