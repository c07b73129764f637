package dev.podkeeper.agent.loop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which unexpected failures have had their stack trace logged, so that a bug hit by every retry
 * shows its trace once, not every few seconds. Two failures are the same when type, message and the frame
 * that threw match; the most recent 64 are kept.
 */
final class UnexpectedFailures {
  private static final int REMEMBERED = 64;

  private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** True the first time this failure is seen (then log its stack trace). */
  synchronized boolean firstTime(Throwable e) {
    return seen.put(signature(e), Boolean.TRUE) == null;
  }

  private static String signature(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return e.getClass().getName() + "|" + e.getMessage() + "|"
        + (trace.length == 0 ? "" : Arrays.toString(Arrays.copyOf(trace, Math.min(trace.length, 3))));
  }
}
