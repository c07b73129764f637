package dev.podkeeper.agent.cli;

import dev.podkeeper.podman.EmptyEngineServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code podkeeper cds-training-engine SOCKET} (hidden): an engine with nothing in it that refuses every change
 * ({@link EmptyEngineServer}), for the training run of the class-data archive (make-cds-archive), which stops
 * it with SIGTERM. Not for people: it is left out of the help.
 */
@Command(name = "cds-training-engine", hidden = true,
    description = "Serve an empty engine that refuses every change on SOCKET, until stopped (for make-cds-archive).")
public final class TrainingEngineCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SOCKET", description = "The unix socket to listen on; it must not exist.")
  Path socket;

  @Override
  public Integer call() throws Exception {
    try (EmptyEngineServer engine = EmptyEngineServer.start(socket)) {
      new CountDownLatch(1).await(); // until SIGTERM ends the JVM
    }
    return 0;
  }
}
