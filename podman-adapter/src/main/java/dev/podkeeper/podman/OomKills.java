package dev.podkeeper.podman;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podkeeper.model.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the kernel's OOM killer ended a container's last run. Podman 4.3.1's container list has
 * {@code ExitCode} but no OOM flag; only inspect has one ({@code State.OOMKilled}). An OOM kill is a SIGKILL,
 * so only a run that ended with 137 is inspected, once per run (by container and exit time): a running or
 * converged stack costs no call, a crash loop one call per crash. Thread-safe.
 *
 * <p>Seen on this project's VMs (runc, cgroup v1): a container killed by its memory cgroup's OOM killer
 * (dmesg says so) is reported by Podman with exit code 137 and {@code OOMKilled: false}. What Podman says
 * is what is passed on; the exit code alone still says "killed".
 */
final class OomKills {
  static final int SIGKILL_EXIT = 137;

  private final Function<String, JsonNode> inspect;
  private Map<String, Boolean> known = new HashMap<>();

  /** @param inspect Podman's inspect of one container by ID */
  OomKills(Function<String, JsonNode> inspect) {
    this.inspect = inspect;
  }

  /** The list's containers, in the list's order, with the OOM flag of those that ended with 137. */
  synchronized List<ObservedContainer> flag(List<ContainerListParser.Listed> list) {
    Map<String, Boolean> stillKnown = new HashMap<>();
    List<ObservedContainer> flagged = new ArrayList<>(list.size());
    for (ContainerListParser.Listed entry : list) {
      ObservedContainer c = entry.container();
      if (c.exitCode().filter(code -> code == SIGKILL_EXIT).isEmpty()) {
        flagged.add(c);
        continue;
      }
      String key = entry.exitKey();
      Optional<Boolean> oom = Optional.ofNullable(known.get(key)).or(() -> inspected(c.id()));
      oom.ifPresent(value -> stillKnown.put(key, value));
      flagged.add(c.withExit(c.exitCode(), oom.orElse(false)));
    }
    known = stillKnown; // forget runs no longer listed: the map never outgrows the list
    return flagged;
  }

  /** Empty when inspect fails (the container went in between): asked again at the next list. */
  private Optional<Boolean> inspected(String id) {
    try {
      return Optional.of(inspect.apply(id).path("State").path("OOMKilled").asBoolean(false));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
