package dev.podkeeper.agent.plan;

import dev.podkeeper.agent.plan.ActionInput.EnvFile;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes env files whose content or mode differs. Causes never quote content: it holds secrets. An env
 * file whose secrets cannot be read fails, which skips the containers that use it; the rest goes on.
 */
final class EnvFilePlanner {
  private EnvFilePlanner() {}

  /** Returns the write action of each env file that has one, by env file name. */
  static Map<String, String> plan(PlanBuilder plan, DesiredState desired, ObservedWorld world, PathActions dirs) {
    Map<String, String> written = new LinkedHashMap<>();
    for (EnvFileSpec spec : desired.envFiles().values()) {
      EnvFileFacts facts = world.envFiles().get(spec.name());
      List<String> waits = dirs.nearestAbove(spec.path()).stream().toList();
      if (!facts.desired().resolved()) {
        written.put(spec.name(), plan.add(Action.of(ActionKind.WRITE_ENV_FILE, spec.name(),
            "values cannot be resolved", new ActionInput.None())
            .waitingFor(waits).failing(facts.desired().problem().get())));
        continue;
      }
      Optional<String> unreadable = world.unreadable(spec.path());
      if (unreadable.isPresent()) {
        // A planted link or an unsafe transition: nothing is written through it or in its place.
        written.put(spec.name(), plan.add(Action.of(ActionKind.WRITE_ENV_FILE, spec.name(),
            spec.path() + " " + unreadable.get(), new ActionInput.None()).waitingFor(waits)
            .failing(spec.path() + " " + unreadable.get())));
        continue;
      }
      Redacted<byte[]> content = facts.desired().value().get();
      List<String> drift = drift(spec, facts, content, world.attributes(spec.path()));
      if (!drift.isEmpty()) {
        EnvFile input = new EnvFile(spec.path(), spec.mode(), content, EnvFile.SECRETS_DIRECTORY_OWNER,
            EnvFile.SECRETS_DIRECTORY_MODE);
        written.put(spec.name(), plan.add(Action.of(ActionKind.WRITE_ENV_FILE, spec.name(), String.join("; ", drift),
            input).waitingFor(waits)));
      }
    }
    return written;
  }

  private static List<String> drift(EnvFileSpec spec, EnvFileFacts facts, Redacted<byte[]> content,
      Optional<PathAttributes> attributes) {
    if (facts.current().isEmpty()) {
      return List.of("missing " + spec.path());
    }
    List<String> drift = new ArrayList<>();
    if (!facts.current().get().equals(content)) {
      drift.add("content differs");
    }
    Optional<FileMode> mode = attributes.map(PathAttributes::mode);
    if (mode.isPresent() && !mode.get().equals(spec.mode())) {
      drift.add("mode " + mode.get() + ", want " + spec.mode());
    }
    return drift;
  }
}
