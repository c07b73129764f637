package dev.podkeeper.agent.plan;

import dev.podkeeper.model.Labels;
import java.util.Map;
import java.util.Optional;

/**
 * A name the file wants that an engine object of another owner holds: one nobody manages (made by hand),
 * or one of another podkeeper stack, most often this stack under its old name. Both are left alone; the
 * words differ, since only the first is "not podkeeper's" and the second has its own way out.
 *
 * @param kind {@code container} or {@code network}
 */
record NameClash(String kind, String name, String shortId, String stack, Optional<String> heldBy) {

  static NameClash of(String kind, String name, String shortId, String stack, Map<String, String> labels) {
    return new NameClash(kind, name, shortId, stack, Optional.ofNullable(labels.get(Labels.STACK)));
  }

  String cause() {
    return heldBy.map(other -> "name held by stack " + other).orElse("name taken by an unmanaged " + kind);
  }

  String error() {
    String taken = "the " + (kind.equals("network") ? "network " : "") + "name " + name + " is taken by " + kind
        + " " + shortId;
    if (heldBy.isEmpty()) {
      String fix = kind.equals("container")
          ? ": to replace it by the declared one, run apply (or run) with --adopt " + name + " (podkeeper stops and"
              + " removes it, then creates its own; volumes and host directories stay); or rename or remove it"
          : ": rename or remove that " + kind;
      return taken + ", which podkeeper does not manage (no " + Labels.STACK + "=" + stack + " label)" + fix;
    }
    String remove = kind.equals("network")
        ? "remove the old stack's network once its containers are gone (podman network rm " + name + ")"
        : "remove the old stack's container (podman rm -f " + name + "; volumes and host directories stay)";
    return taken + " of podkeeper stack " + heldBy.get() + " (" + Labels.STACK + "=" + heldBy.get() + "), not of "
        + "stack " + stack + ": if the stack was renamed, name it " + heldBy.get() + " again, or " + remove
        + " and podkeeper creates it for stack " + stack;
  }
}
