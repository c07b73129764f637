/**
 * systemd's journal without libsystemd: its native protocol (one datagram of fields per entry) over its unix
 * socket, and whether a standard stream of this process is a journal stream ({@code $JOURNAL_STREAM}).
 */
package dev.podkeeper.agent.journal;
