/** The host's file system for real: numeric owners and modes, atomic writes, no delete. */
package dev.podkeeper.agent.host;
