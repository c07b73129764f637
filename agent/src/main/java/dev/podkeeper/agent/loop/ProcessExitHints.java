package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.lifecycle.Managed;
import dev.podkeeper.agent.observe.EnginePicture;
import dev.podkeeper.agent.reconcile.PassResult;
import dev.podkeeper.agent.reconcile.Trigger;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.port.ProcessExitWatch;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A managed container's process that ends asks for a pass at once, as an engine event would, without waiting
 * for the engine to tell of it (Podman's {@code died} event comes 80-250 ms later). After each pass the watch
 * follows the running containers of the stack in the engine's picture; an end tells the picture, whose next
 * look sees the container exited without asking the engine ({@link EnginePicture#processEnded}).
 */
public final class ProcessExitHints implements PassListener, Managed, ProcessExitWatch.Listener {
  private static final Logger log = LoggerFactory.getLogger(ProcessExitHints.class);

  private final Function<ProcessExitWatch.Listener, ProcessExitWatch> opener;
  private final EnginePicture picture;
  private final Supplier<Optional<DesiredState>> desired;
  private final PassRequester loop;
  private volatile ProcessExitWatch watch = ProcessExitWatch.NONE;

  /** @param opener opens the host's watch on {@link #start}, telling this */
  public ProcessExitHints(Function<ProcessExitWatch.Listener, ProcessExitWatch> opener, EnginePicture picture,
      Supplier<Optional<DesiredState>> desired, PassRequester loop) {
    this.opener = requireNonNull(opener, "opener is null");
    this.picture = requireNonNull(picture, "picture is null");
    this.desired = requireNonNull(desired, "desired is null");
    this.loop = requireNonNull(loop, "loop is null");
  }

  @Override
  public void start() {
    watch = opener.apply(this);
  }

  @Override
  public void stop() {
    ProcessExitWatch open = watch;
    watch = ProcessExitWatch.NONE;
    open.close();
  }

  @Override
  public void finished(PassRequest request, Optional<PassResult> result) {
    watch.watch(desired.get().map(d -> picture.runningProcesses(d.stack())).orElse(Map.of()));
  }

  @Override
  public void exited(String containerId, long pid) {
    log.debug("process {} of container {} ended: pass requested", pid, containerId);
    picture.processEnded(containerId, pid);
    loop.request(Trigger.EVENT);
  }
}
