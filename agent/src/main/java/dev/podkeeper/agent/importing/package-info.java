/**
 * Desired-state files made from what already runs: {@code import engine} reads the engine's inspect data and
 * writes back only what a user would have written (image defaults and engine defaults left out, secret-looking
 * env values never printed), normalised as the parser normalises, so that {@code plan} on the result of a
 * podkeeper-made stack shows no changes.
 */
package dev.podkeeper.agent.importing;
