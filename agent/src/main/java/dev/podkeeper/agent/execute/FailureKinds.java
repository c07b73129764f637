package dev.podkeeper.agent.execute;

import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.HostPathRefusedException;
import dev.podkeeper.model.port.ProxyException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a step's failure can pass by itself. The engine's failures were classified by its adapter, which
 * knows Podman's words, and the proxy's by its adapter, which knows Caddy's; a failed systemd job may succeed next time; on the host, a permission problem or a
 * link where a directory should be, or a path the host walk refuses, stays until someone changes it.
 */
final class FailureKinds {
  /** strerror(3) words of EACCES, EPERM, ELOOP and ENOTDIR, which the JDK puts in a FileSystemException's reason. */
  private static final List<String> PERMANENT_HOST_WORDS = List.of(
      "permission denied", "operation not permitted", "symbolic link", "not a directory");

  private FailureKinds() {}

  static FailureKind of(Throwable e) {
    if (e instanceof EngineException engine) {
      return engine.kind();
    }
    if (e instanceof ProxyException proxy) {
      return proxy.kind();
    }
    if (e instanceof StepException step) {
      return step.kind();
    }
    if (e instanceof AccessDeniedException || e instanceof FileSystemLoopException || e instanceof NotDirectoryException
        || e instanceof HostPathRefusedException) {
      return FailureKind.PERMANENT;
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null
        && PERMANENT_HOST_WORDS.stream().anyMatch(fs.getReason().toLowerCase(Locale.ROOT)::contains)) {
      return FailureKind.PERMANENT;
    }
    return FailureKind.TRANSIENT;
  }
}
