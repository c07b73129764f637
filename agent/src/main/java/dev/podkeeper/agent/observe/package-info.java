/**
 * Reads the world before planning: the engine's two lists, the units, the host paths the file names, env
 * files, and secret files. The only place secrets are read; problems name files and keys, never values.
 */
package dev.podkeeper.agent.observe;
