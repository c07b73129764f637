package dev.podkeeper.agent.observe;

import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The engine's containers and networks kept between the agent's passes, the way fabric8's informers keep
 * theirs: listed once, then corrected by the event stream. An event marks its container as touched; the
 * next pass that may use the picture verifies only the touched ones (one inspect each) instead of listing
 * everything. Whatever the stream cannot vouch for makes the next pass list again: a gap in the stream
 * ({@link #gap}), a network event (Podman has none for network create and remove), and podkeeper's own
 * actions ({@link #forget}), whose events may arrive after the next pass has begun.
 *
 * <p>The end of a container's main process, told by the host ({@link #processEnded}) before the engine has told
 * of it, is believed without asking: the next look sees the container exited, exit code unknown, if the picture
 * still has it running that very process, and the look after that verifies it. Asking at once would cost the
 * repair more than the ask: Podman answers only once the kill or stop that ended the process lets go of the
 * container's lock (10-50 ms), by when conmon's {@code podman container cleanup} is queued for it too, and a
 * start that comes after that cleanup waits 150-250 ms for it; a start sent at once takes Podman's own time.
 *
 * <p>{@link #alwaysList()} keeps nothing: the one-shot commands, which have no stream, list every time.
 * Thread-safe: events arrive on the stream's thread, passes run on the loop's.
 */
public final class EnginePicture {
  private final boolean keeps;
  private final Object lock = new Object();
  private boolean listed;
  /** Counts what voids the picture, so that a list under way when it happens does not vouch for it. */
  private long voided;
  private final Map<String, ObservedContainer> containers = new LinkedHashMap<>();
  private List<ObservedNetwork> networks = List.of();
  private final Set<String> touched = new LinkedHashSet<>();
  /** Processes the host said ended, by container ID, not yet looked at. */
  private final Map<String, Long> endedProcesses = new HashMap<>();

  private EnginePicture(boolean keeps) {
    this.keeps = keeps;
  }

  /** A picture kept between passes, fed by the event stream. */
  public static EnginePicture kept() {
    return new EnginePicture(true);
  }

  /** No picture: every observation lists. */
  public static EnginePicture alwaysList() {
    return new EnginePicture(false);
  }

  /**
   * The engine as it is now.
   *
   * @param mayUsePicture false when the pass must see the engine afresh (startup, resync, a file change ...)
   */
  public Sight look(ContainerEngine engine, boolean mayUsePicture) {
    Set<String> verify;
    long since;
    Map<String, Long> ended;
    synchronized (lock) {
      since = voided;
      ended = new HashMap<>(endedProcesses);
      endedProcesses.clear();
      if (!keeps || !mayUsePicture || !listed) {
        // Touches from now on arrive during the list: they stay marked, and the next pass verifies them again.
        touched.clear();
        listed = false;
        verify = null;
      } else {
        verify = new LinkedHashSet<>(touched);
        touched.clear();
        // Asking the engine now would wait on the container's lock, held while Podman sees to the end.
        ended.forEach((id, pid) -> {
          if (stillRuns(containers.get(id), pid)) {
            verify.remove(id);
          }
        });
      }
      // The engine catches up with an end the host told of in a moment: the next pass asks it how it ended.
      touched.addAll(ended.keySet());
    }
    Sight sight = verify == null ? list(engine, since) : verify(engine, verify);
    return ended.isEmpty() ? sight : withEnded(sight, ended);
  }

  /** {@code sight} with the containers that still run a process the host said ended seen as exited. */
  private Sight withEnded(Sight sight, Map<String, Long> ended) {
    List<ObservedContainer> seen = new ArrayList<>(sight.containers().size());
    boolean changed = false;
    for (ObservedContainer c : sight.containers()) {
      if (stillRuns(c, ended.get(c.id()))) {
        c = c.withProcessEnded();
        remember(c.id(), Optional.of(c));
        changed = true;
      }
      seen.add(c);
    }
    return changed ? new Sight(seen, sight.networks(), sight.fromPicture()) : sight;
  }

  private static boolean stillRuns(ObservedContainer container, Long endedPid) {
    return container != null && endedPid != null && container.running()
        && container.pid().equals(OptionalLong.of(endedPid));
  }

  private void remember(String id, Optional<ObservedContainer> container) {
    synchronized (lock) {
      if (container.isPresent()) {
        containers.put(id, container.get());
      } else {
        containers.remove(id);
      }
    }
  }

  private Sight list(ContainerEngine engine, long since) {
    List<ObservedContainer> listedContainers = engine.listContainers();
    List<ObservedNetwork> listedNetworks = engine.listNetworks();
    synchronized (lock) {
      containers.clear();
      listedContainers.forEach(c -> containers.put(c.id(), c));
      networks = listedNetworks;
      listed = keeps && voided == since;
    }
    return new Sight(listedContainers, listedNetworks, false);
  }

  private Sight verify(ContainerEngine engine, Set<String> ids) {
    Map<String, Optional<ObservedContainer>> now = new LinkedHashMap<>();
    try {
      for (String id : ids) {
        now.put(id, engine.inspectContainer(id));
      }
    } catch (RuntimeException e) {
      forget(); // what was not verified is not known: the next pass lists
      throw e;
    }
    synchronized (lock) {
      now.forEach(this::remember);
      return new Sight(List.copyOf(containers.values()), networks, true);
    }
  }

  /**
   * An event the stream delivered about a managed object: its container is verified before the next plan. An
   * image event changes no container or network (each pass looks at the followed images itself).
   */
  public void changed(EngineEvent event) {
    synchronized (lock) {
      switch (event.type()) {
        case "container" -> touched.add(event.id());
        case "image" -> { }
        default -> voidPicture();
      }
    }
  }

  /**
   * The host says the main process {@code pid} of container {@code id} ended: the next plan sees it exited
   * (if it still runs {@code pid} in the picture), and the pass after verifies it with the engine.
   */
  public void processEnded(String id, long pid) {
    synchronized (lock) {
      touched.add(id);
      endedProcesses.put(id, pid);
    }
  }

  /** The main process of each running container of {@code stack} in the picture, by container ID. */
  public Map<String, Long> runningProcesses(String stack) {
    Map<String, Long> running = new HashMap<>();
    synchronized (lock) {
      containers.values().stream().filter(c -> c.running() && c.managedBy(stack))
          .forEach(c -> c.pid().ifPresent(pid -> running.put(c.id(), pid)));
    }
    return running;
  }

  /** The stream broke or was replaced: what happened meanwhile is unknown, so the next pass lists. */
  public void gap() {
    forget();
  }

  /** The next pass lists everything: podkeeper changed the engine itself, or cannot vouch for the picture. */
  public void forget() {
    synchronized (lock) {
      voidPicture();
    }
  }

  private void voidPicture() {
    listed = false;
    voided++;
  }

  /**
   * Containers and networks as a pass saw them.
   *
   * @param fromPicture true when only touched containers were verified; false when everything was listed
   */
  public record Sight(List<ObservedContainer> containers, List<ObservedNetwork> networks, boolean fromPicture) {
    public Sight {
      containers = List.copyOf(containers);
      networks = List.copyOf(networks);
    }
  }
}
