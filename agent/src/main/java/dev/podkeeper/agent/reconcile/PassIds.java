package dev.podkeeper.agent.reconcile;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Pass ids: short, random, so that lines of one pass can be grepped together across agent restarts. */
public final class PassIds {
  private PassIds() {}

  public static Supplier<String> random() {
    return () -> String.format("%08x", ThreadLocalRandom.current().nextInt());
  }
}
