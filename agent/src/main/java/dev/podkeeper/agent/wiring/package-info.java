/**
 * One Guice module per component, all bindings explicit (see {@link dev.podkeeper.agent.lifecycle.Bootstrap}).
 * Tests swap the engine, units, host and clock modules for the in-memory fakes.
 */
package dev.podkeeper.agent.wiring;
