package dev.podkeeper.kube;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvValue;
import java.util.ArrayList;
import java.util.List;

/** The header of an export: what the file says that these manifests cannot, so that nobody expects it. */
final class NoEquivalent {
  private NoEquivalent() {}

  static List<String> of(DesiredState state, boolean includeSecrets) {
    List<String> lines = new ArrayList<>();
    lines.add("Kubernetes manifests of stack " + state.stack() + ", written by podkeeper export --format kube.");
    lines.add("Run them with: podman kube play FILE (or kubectl apply -f FILE). Not carried over:");
    for (ContainerSpec c : state.containers().values()) {
      if (!c.dependsOn().isEmpty()) {
        lines.add("- " + c.name() + " dependsOn " + String.join(", ", c.dependsOn())
            + ": Pods start in any order; the app must wait (or retry) itself");
      }
      if (!c.requiresUnits().isEmpty()) {
        lines.add("- " + c.name() + " requiresUnits " + String.join(", ", c.requiresUnits()) + ": no start order");
      }
      if (!c.devices().isEmpty()) {
        lines.add("- " + c.name() + " devices " + c.devices() + ": Pods have no device mapping; use a device plugin");
      }
      if (!c.aliases().isEmpty()) {
        lines.add("- " + c.name() + " aliases " + c.aliases() + ": use a Service of that name");
      }
    }
    if (!state.proxy().routes().isEmpty()) {
      lines.add("- " + state.proxy().routes().size() + " reverse-proxy routes (Caddy): use an Ingress");
    }
    if (!state.units().isEmpty()) {
      lines.add("- units " + String.join(", ", state.units().keySet()) + ": systemd units stay the host's");
    }
    state.networks().values().forEach(n -> lines.add("- network " + n.name() + n.subnet().map(s -> " (" + s + ")")
        .orElse("") + ": Pods join the cluster network and reach each other through Services, not by name"));
    if (!state.directories().isEmpty()) {
      lines.add("- directories' owner and mode: hostPath volumes are created as root (DirectoryOrCreate)");
    }
    boolean fromFiles = state.envFiles().values().stream()
        .anyMatch(f -> f.values().values().stream().anyMatch(v -> v instanceof EnvValue.FromFile));
    if (!state.envFiles().isEmpty()) {
      lines.add("- env file values: " + (includeSecrets
          ? (fromFiles ? "fromFile values are left empty (read on the host at apply time)" : "included")
          : "left empty in the Secrets; fill them in (or export with --include-secrets)"));
    }
    return lines;
  }
}
