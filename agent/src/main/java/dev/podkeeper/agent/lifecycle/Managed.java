package dev.podkeeper.agent.lifecycle;

/**
 * A component with a life: the {@link LifeCycleManager} starts every one the injector creates, in the order
 * they were created (dependencies first), and stops them in reverse. Both default to nothing.
 */
public interface Managed {

  default void start() throws Exception {}

  default void stop() throws Exception {}
}
