package dev.podkeeper.agent.lifecycle;

import static java.util.Objects.requireNonNull;

/**
 * A component with a life: the {@link LifeCycleManager} starts every one the injector creates, in the order
 * they were created (dependencies first), and stops them in reverse. Both default to nothing.
 */
public interface Managed {

  default void start() throws Exception {}

  default void stop() throws Exception {}

  /**
   * A {@link AutoCloseable} the injector created (an engine client, the D-Bus connection, the notify
   * socket), closed on stop like airlift's ClosingBinder closes what it was given.
   */
  static Managed closing(AutoCloseable closeable) {
    requireNonNull(closeable, "closeable is null");
    return new Managed() {
      @Override
      public void stop() throws Exception {
        closeable.close();
      }

      @Override
      public String toString() {
        return closeable.getClass().getSimpleName() + " (closed on stop)";
      }
    };
  }
}
