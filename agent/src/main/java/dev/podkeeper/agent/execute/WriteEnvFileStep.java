package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.EnvFile;
import dev.podkeeper.model.port.HostFiles;
import java.nio.file.Path;

/** Writes an env file atomically with its mode, creating a missing parent directory with the defaults. */
final class WriteEnvFileStep implements Step {
  private final HostFiles files;

  WriteEnvFileStep(HostFiles files) {
    this.files = files;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws Exception {
    EnvFile file = action.input(EnvFile.class);
    Path parent = file.path().getParent();
    if (files.attributes(parent).isEmpty()) {
      files.createDirectories(parent, file.parentOwner(), file.parentMode());
    }
    files.writeAtomically(file.path(), file.content().reveal(), file.mode());
  }
}
