package dev.podkeeper.podman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a running container's network namespace is read on the host podkeeper runs on (see {@link NetworkNamespaces}). */
@FunctionalInterface
public interface HostNamespaces {
  /**
   * This host's {@code /proc}: the link {@code /proc/PID/ns/net} read (not followed), and believed only if
   * {@code /proc/PID/cgroup}, read after it, still names the container's ID (Podman names a container's cgroup
   * after it): so a PID reused between the engine's answer and this read, or one of another PID namespace, is
   * never taken for the container's. Both are the kernel's files, which no container writes.
   */
  HostNamespaces PROC = (pid, containerId) -> {
    Path process = Path.of("/proc", Long.toString(pid));
    try {
      String namespace = Files.readSymbolicLink(process.resolve("ns").resolve("net")).toString();
      boolean same = Files.readString(process.resolve("cgroup"), StandardCharsets.UTF_8).contains(containerId);
      return same && namespace.startsWith("net:[") ? Optional.of(namespace) : Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  };

  /** A host that sees none of the engine's processes (an engine elsewhere): every namespace is the engine's word. */
  HostNamespaces NONE = (pid, containerId) -> Optional.empty();

  /**
   * In the form {@code readlink /proc/PID/ns/net} prints; empty unless {@code pid} is, as far as this host can
   * tell, the main process of the container {@code containerId}.
   */
  Optional<String> networkNamespace(long pid, String containerId);
}
