package dev.podkeeper.kube;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.VolumeMount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The volumes of one Pod, one per distinct source: bind mounts as hostPath volumes of type DirectoryOrCreate
 * (podkeeper creates a missing bind source too), named volumes as claims of that name, which
 * {@code podman kube play} creates as Podman volumes.
 */
final class PodVolumes {
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<Volume> volumes = new ArrayList<>();

  PodVolumes(List<ContainerSpec> containers) {
    for (ContainerSpec c : containers) {
      for (VolumeMount v : c.volumes()) {
        if (!names.containsKey(v.source())) {
          String name = KubeNames.of((v.isBind() ? "host" : "volume") + "-" + v.source());
          while (names.containsValue(name)) {
            name = name + "-" + names.size();
          }
          names.put(v.source(), name);
          volumes.add(v.isBind()
              ? new VolumeBuilder().withName(name).withNewHostPath().withPath(v.source()).withType("DirectoryOrCreate")
                  .endHostPath().build()
              : new VolumeBuilder().withName(name).withNewPersistentVolumeClaim().withClaimName(v.source())
                  .endPersistentVolumeClaim().build());
        }
      }
    }
  }

  String nameOf(VolumeMount v) {
    return names.get(v.source());
  }

  List<Volume> all() {
    return volumes;
  }
}
