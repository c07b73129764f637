/**
 * One reconcile pass (observe, plan, execute) and the reconcile log of spec section 4, the product's stdout.
 * A pass that cannot observe the engine, or whose plan is refused, changes nothing and says why in its
 * summary line.
 */
package dev.podkeeper.agent.reconcile;
