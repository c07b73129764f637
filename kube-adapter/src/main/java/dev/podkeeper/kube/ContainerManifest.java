package dev.podkeeper.kube;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.VolumeMount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One podkeeper container as a container of a Pod; {@code ports} are the Pod's (its provider's) published ports. */
final class ContainerManifest {
  private ContainerManifest() {}

  static Container of(ContainerSpec c, Map<String, String> defaultEnv, List<PortMapping> ports, PodVolumes volumes) {
    Map<String, String> env = new LinkedHashMap<>(defaultEnv);
    env.putAll(c.env()); // the container's own value wins, as in podkeeper
    ContainerBuilder container = new ContainerBuilder()
        .withName(KubeNames.of(c.name()))
        .withImage(c.image())
        .withImagePullPolicy(switch (c.pull()) {
          case MISSING -> "IfNotPresent";
          case ALWAYS -> "Always";
          case NEVER -> "Never";
        })
        .withEnv(env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
        .withPorts(ports.stream().map(ContainerManifest::port).toList())
        .withVolumeMounts(c.volumes().stream().map(v -> mount(v, volumes)).toList());
    c.entrypoint().ifPresent(container::withCommand);
    c.command().ifPresent(container::withArgs);
    c.workdir().ifPresent(container::withWorkingDir);
    c.envFiles().stream().filter(f -> !f.startsWith("/"))
        .forEach(f -> container.addNewEnvFrom().withNewSecretRef().withName(KubeNames.of(f)).endSecretRef()
            .endEnvFrom());
    c.health().map(ContainerManifest::probe).ifPresent(container::withLivenessProbe);
    Map<String, Quantity> limits = new LinkedHashMap<>();
    c.memoryBytes().ifPresent(bytes -> limits.put("memory", new Quantity(String.valueOf(bytes))));
    c.cpus().ifPresent(cpus -> limits.put("cpu", new Quantity(String.valueOf(cpus))));
    if (!limits.isEmpty()) {
      container.withNewResources().withLimits(limits).endResources();
    }
    if (!c.capAdd().isEmpty() || !c.capDrop().isEmpty() || c.privileged() || c.user().isPresent()) {
      var security = container.withNewSecurityContext();
      if (!c.capAdd().isEmpty() || !c.capDrop().isEmpty()) {
        security.withNewCapabilities().withAdd(c.capAdd()).withDrop(c.capDrop()).endCapabilities();
      }
      if (c.privileged()) {
        security.withPrivileged(true);
      }
      c.user().filter(u -> u.matches("\\d+(:\\d+)?")).ifPresent(u -> {
        String[] ids = u.split(":");
        security.withRunAsUser(Long.parseLong(ids[0]));
        if (ids.length == 2) {
          security.withRunAsGroup(Long.parseLong(ids[1]));
        }
      });
      security.endSecurityContext();
    }
    return container.build();
  }

  private static ContainerPort port(PortMapping p) {
    return new ContainerPortBuilder().withContainerPort(p.containerPort()).withHostPort(p.hostPort())
        .withHostIP(p.hostIp()).withProtocol(p.protocol().name()).build();
  }

  private static io.fabric8.kubernetes.api.model.VolumeMount mount(VolumeMount v, PodVolumes volumes) {
    return new VolumeMountBuilder().withName(volumes.nameOf(v)).withMountPath(v.target())
        .withReadOnly(v.readOnly() ? Boolean.TRUE : null).build();
  }

  /** CMD runs the words as they are, CMD-SHELL through /bin/sh -c: what Podman does with either. */
  private static Probe probe(HealthCheck h) {
    List<String> command = h.test().get(0).equals("CMD-SHELL")
        ? List.of("/bin/sh", "-c", String.join(" ", h.test().subList(1, h.test().size())))
        : h.test().subList(1, h.test().size());
    return new ProbeBuilder().withNewExec().withCommand(command).endExec()
        .withPeriodSeconds(seconds(h.interval())).withTimeoutSeconds(seconds(h.timeout()))
        .withFailureThreshold(h.retries()).withInitialDelaySeconds(seconds(h.startPeriod())).build();
  }

  private static int seconds(Duration d) {
    return (int) Math.max(d.isZero() ? 0 : 1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
  }
}
