package dev.podkeeper.agent.doctor;

import java.util.List;
import java.util.Optional;

/**
 * The host's {@code /proc}, as doctor reads it: small text files and links, by path relative to {@code /proc}
 * ({@code net/tcp}, {@code 1234/ns/net}). Unit tests give fixtures; {@link LocalProcFs} reads the host.
 * Nothing here is a path from the desired state. A file or link that is gone (a process ended) is empty.
 */
public interface ProcFs {
  /** A text file, read up to a bound ({@code net/tcp}, {@code 1234/net/route}, {@code 1234/cmdline}). */
  Optional<String> read(String path);

  /** Where a link points ({@code 1234/ns/net} gives {@code net:[4026532318]}). */
  Optional<String> link(String path);

  /** The names in a directory ({@code ""} gives the PIDs among others, {@code 1234/fd} the descriptors). */
  List<String> list(String directory);
}
