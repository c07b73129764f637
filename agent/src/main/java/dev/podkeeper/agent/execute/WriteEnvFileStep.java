package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.EnvFile;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.port.HostFiles;
import java.nio.file.Path;

/**
 * Writes an env file atomically with its mode. A missing parent directory is made for the file alone, with
 * the input's owner and mode (root's, 0700: the file holds secrets); missing directories above it are root's
 * and 0755, so that the rest of the host keeps its way through them.
 */
final class WriteEnvFileStep implements Step {
  private static final FileMode ANCESTOR_MODE = FileMode.DIRECTORY_DEFAULT;

  private final HostFiles files;

  WriteEnvFileStep(HostFiles files) {
    this.files = files;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws Exception {
    EnvFile file = action.input(EnvFile.class);
    Path parent = file.path().getParent();
    if (files.attributes(parent).isEmpty()) {
      if (parent.getParent() != null) {
        files.createDirectories(parent.getParent(), file.parentOwner(), ANCESTOR_MODE);
      }
      files.createDirectories(parent, file.parentOwner(), file.parentMode());
    }
    files.writeAtomically(file.path(), file.content().reveal(), file.mode());
  }
}
