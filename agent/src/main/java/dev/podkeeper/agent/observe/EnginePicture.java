package dev.podkeeper.agent.observe;

import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.observed.ObservedNetwork;
import dev.podkeeper.model.port.ContainerEngine;
import dev.podkeeper.model.port.EngineEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's containers and networks kept between the agent's passes, the way fabric8's informers keep
 * theirs: listed once, then corrected by the event stream. An event marks its container as touched; the
 * next pass that may use the picture verifies only the touched ones (one inspect each) instead of listing
 * everything. Whatever the stream cannot vouch for makes the next pass list again: a gap in the stream
 * ({@link #gap}), a network event (Podman has none for network create and remove), and podkeeper's own
 * actions ({@link #forget}), whose events may arrive after the next pass has begun.
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
    synchronized (lock) {
      since = voided;
      if (!keeps || !mayUsePicture || !listed) {
        // Touches from now on arrive during the list: they stay marked, and the next pass verifies them again.
        touched.clear();
        listed = false;
        verify = null;
      } else {
        verify = new LinkedHashSet<>(touched);
        touched.clear();
      }
    }
    return verify == null ? list(engine, since) : verify(engine, verify);
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
      now.forEach((id, container) -> {
        if (container.isPresent()) {
          containers.put(id, container.get());
        } else {
          containers.remove(id);
        }
      });
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
