package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.Directory;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.nio.file.NoSuchFileException;

/**
 * Creates a directory (and missing parents) with its owner and mode, and enforces a listed owner or mode
 * on the directory itself, never below it. Looks again before acting: the plan may be a moment old.
 */
final class EnsureDirectoryStep implements Step {
  private final HostFiles files;

  EnsureDirectoryStep(HostFiles files) {
    this.files = files;
  }

  @Override
  public void run(Action action, ContainerIds ids) throws Exception {
    Directory dir = action.input(Directory.class);
    if (files.attributes(dir.path()).isEmpty()) {
      files.createDirectories(dir.path(), dir.createOwner(), dir.createMode());
    }
    if (dir.owner().isEmpty() && dir.mode().isEmpty()) {
      return;
    }
    PathAttributes now = files.attributes(dir.path()).orElseThrow(() -> new NoSuchFileException(dir.path().toString()));
    Ownership owner = dir.owner().orElse(now.owner());
    FileMode mode = dir.mode().orElse(now.mode());
    if (!owner.equals(now.owner()) || !mode.equals(now.mode())) {
      files.setOwnerAndMode(dir.path(), owner, mode);
    }
  }
}
