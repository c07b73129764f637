package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each directory is listed once and no two env files write one path: two entries for one object
 * could ask for different owners or contents, and the agent would flip between them at every pass.
 */
final class DuplicatePathCheck implements Check {

  @Override
  public void check(DesiredState state, List<Violation> found) {
    Map<Path, NodePath> directories = new HashMap<>();
    for (int i = 0; i < state.directories().size(); i++) {
      Path dir = state.directories().get(i).path();
      NodePath path = NodePath.of("directories").index(i).key("path");
      NodePath first = directories.putIfAbsent(dir, path);
      if (first != null) {
        found.add(Violation.at(Rule.DIRECTORIES_DUPLICATE, path, "directory " + Quote.bare(dir.toString()) + " is already listed")
            .relatedTo(first));
      }
    }
    Map<Path, String> envFiles = new HashMap<>();
    for (EnvFileSpec envFile : state.envFiles().values()) {
      String first = envFiles.putIfAbsent(envFile.path(), envFile.name());
      if (first != null) {
        found.add(Violation.at(Rule.ENV_FILES_DUPLICATE, NodePath.of("envFiles", envFile.name(), "path"),
            "env file " + Quote.of(envFile.name()) + " writes " + Quote.bare(envFile.path().toString()) + ", as env file " + Quote.of(first) + " does")
            .relatedTo(NodePath.of("envFiles", first, "path")));
      }
    }
  }
}
