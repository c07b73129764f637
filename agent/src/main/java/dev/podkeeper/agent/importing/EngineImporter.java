package dev.podkeeper.agent.importing;

import dev.podkeeper.model.port.ContainerEngine;
import java.util.Set;

/** {@code import engine}: what the engine runs, as the text of a desired-state file. */
public final class EngineImporter {
  private final ContainerEngine engine;

  public EngineImporter(ContainerEngine engine) {
    this.engine = engine;
  }

  /** @see EngineImport#read */
  public String importStack(String stack, boolean all, Set<String> containers, String envDir) {
    ImportedStack imported = new EngineImport(engine).read(stack, all, containers, envDir);
    return ImportYaml.write(imported, "Imported by podkeeper import engine from the containers the engine runs now.\n"
        + "Check it, then: podkeeper apply FILE --adopt NAME ... replaces these unmanaged containers by podkeeper's.");
  }
}
