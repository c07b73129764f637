package dev.podkeeper.agent.doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which process holds each socket, as {@code ss -p} finds it: every {@code /proc/PID/fd/N} link that reads
 * {@code socket:[INODE]}. The likely holders (the stack's conmons) are looked at first, so that a healthy stack
 * needs no walk over every process; the walk that finds the others stops at a deadline, and a socket not found
 * by then stays unnamed rather than holding doctor up.
 */
final class SocketOwners {
  static final Duration DEADLINE = Duration.ofSeconds(5);
  private final ProcFs proc;
  private final Clock clock;

  SocketOwners(ProcFs proc, Clock clock) {
    this.proc = proc;
    this.clock = clock;
  }

  /** @param likely PIDs to look at first; then every PID in {@code /proc}, until each inode has its owner */
  Map<Long, HostProcess> owners(Set<Long> inodes, Collection<Long> likely) {
    Map<Long, HostProcess> owners = new HashMap<>();
    Set<Long> missing = new HashSet<>(inodes);
    Set<Long> pids = new LinkedHashSet<>(likely);
    Instant deadline = clock.instant().plus(DEADLINE);
    boolean walkedAll = false;
    while (!missing.isEmpty()) {
      for (long pid : pids) {
        if (missing.isEmpty() || clock.instant().isAfter(deadline)) {
          return owners;
        }
        for (String fd : proc.list(pid + "/fd")) {
          proc.link(pid + "/fd/" + fd).flatMap(SocketOwners::inode).filter(missing::remove)
              .ifPresent(inode -> owners.put(inode, process(pid)));
        }
      }
      if (walkedAll) {
        break;
      }
      pids = allPids();
      walkedAll = true;
    }
    return owners;
  }

  private HostProcess process(long pid) {
    return HostProcess.of(pid, proc.read(pid + "/cmdline").orElse(""), proc.read(pid + "/comm").orElse("?"));
  }

  private Set<Long> allPids() {
    Set<Long> pids = new LinkedHashSet<>();
    for (String name : proc.list("")) {
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        pids.add(Long.parseLong(name));
      }
    }
    return pids;
  }

  private static java.util.Optional<Long> inode(String link) {
    if (!link.startsWith("socket:[") || !link.endsWith("]")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(link.substring(8, link.length() - 1)));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
