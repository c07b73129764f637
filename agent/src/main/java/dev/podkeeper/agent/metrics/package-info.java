/**
 * {@code run --metrics}: the agent's Prometheus metrics (spec section 8), fed from the passes' results
 * ({@link dev.podkeeper.agent.loop.PassListener}) and the status board, served over HTTP on a loopback
 * address. The only package that knows the Prometheus client: its types never leave it.
 */
package dev.podkeeper.agent.metrics;
