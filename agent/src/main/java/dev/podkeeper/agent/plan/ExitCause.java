package dev.podkeeper.agent.plan;

import dev.podkeeper.model.observed.ObservedContainer;

/**
 * How an exited container's last run ended, as a cause says it: {@code exited 1}, {@code exited 137 (killed)},
 * {@code OOM-killed}. An exit code above 128 is the shell's convention for "ended by signal (code - 128)".
 */
public final class ExitCause {
  private ExitCause() {}

  public static String of(ObservedContainer container) {
    if (container.oomKilled()) {
      return "OOM-killed";
    }
    return container.exitCode().map(code -> "exited " + code + signal(code)).orElse("exited");
  }

  private static String signal(int code) {
    return switch (code) {
      case 137 -> " (killed)";
      case 143 -> " (terminated)";
      case 139 -> " (segmentation fault)";
      case 134 -> " (aborted)";
      default -> code > 128 && code < 160 ? " (signal " + (code - 128) + ")" : "";
    };
  }
}
