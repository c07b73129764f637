package dev.podkeeper.model.validate;

import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DesiredState;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.EnvValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Environment variable names are portable shell names; env file values fit on their line (the file
 * has no quoting, so a newline would start a new variable); labels under {@code dev.podkeeper.} are
 * podkeeper's own: a user label there could make a container look managed, or by another stack.
 */
final class KeyValueCheck implements Check {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String RESERVED_PREFIX = Labels.STACK.substring(0, Labels.STACK.lastIndexOf('.') + 1);

  @Override
  public void check(DesiredState state, List<Violation> found) {
    envNames(state.defaults().env().keySet(), NodePath.of("defaults", "env"), found);
    for (EnvFileSpec envFile : state.envFiles().values()) {
      NodePath values = NodePath.of("envFiles", envFile.name(), "values");
      envNames(envFile.values().keySet(), values, found);
      envFile.values().forEach((name, value) -> {
        if (value instanceof EnvValue.Literal literal && literal.value().matches("(?s).*[\r\n].*")) {
          found.add(Violation.at(Rule.ENV_VALUE, values.key(name), "value of " + Quote.bare(name) + " in env file "
              + Quote.of(envFile.name()) + " contains a line break, which an env file cannot hold"));
        }
      });
    }
    for (ContainerSpec c : state.containers().values()) {
      envNames(c.env().keySet(), Check.container(c.name()).key("env"), found);
      labels(c.labels(), Check.container(c.name()).key("labels"), found);
    }
  }

  private static void envNames(Collection<String> names, NodePath path, List<Violation> found) {
    for (String name : names) {
      if (!ENV_NAME.matcher(name).matches()) {
        found.add(Violation.atKey(Rule.ENV_NAME, path.key(name),
            "env name " + Quote.of(name) + " must match " + ENV_NAME.pattern()));
      }
    }
  }

  private static void labels(Map<String, String> labels, NodePath path, List<Violation> found) {
    for (String key : labels.keySet()) {
      if (key.startsWith(RESERVED_PREFIX)) {
        found.add(Violation.atKey(Rule.LABELS_RESERVED, path.key(key),
            "label " + Quote.of(key) + " is reserved for podkeeper"));
      }
    }
  }
}
