package dev.podkeeper.podman;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Hands back the previous list's instance of an entry that has not changed since. A converged stack's list
 * repeats itself: with each entry swapped for its equal from last time as soon as it is parsed, the new
 * copies die at once, young, and the collections that run during a list of 1000 containers find almost
 * nothing alive to copy, where they would otherwise copy (and soon promote, for a full collection) a second
 * picture of the stack while the first is still held. Equal entries are interchangeable values, so which
 * list call wins when two overlap does not matter. Thread-safe.
 *
 * @param <T> an immutable value with {@code equals}
 */
final class RepeatedEntries<T> {
  private final Function<T, String> key;
  private volatile Map<String, T> previous = Map.of();

  /** @param key what identifies an entry from one list to the next (a container's ID) */
  RepeatedEntries(Function<T, String> key) {
    this.key = key;
  }

  /** One list call: {@link Listing#same} for each entry as it is parsed, then {@link Listing#done}. */
  Listing begin() {
    return new Listing();
  }

  /** The entries of one list call. */
  final class Listing {
    private final Map<String, T> before = previous;
    private final Map<String, T> now = new HashMap<>();

    /** {@code entry}, or the equal instance the previous list had. */
    T same(T entry) {
      String id = key.apply(entry);
      T earlier = before.get(id);
      T kept = entry.equals(earlier) ? earlier : entry;
      now.put(id, kept);
      return kept;
    }

    /** The list is whole: the next one compares with it (a list that failed midway is not kept). */
    void done() {
      previous = now;
    }
  }
}
