package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DesiredState;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that span values (references, cycles, clashes, paths, names) over parsed records. The
 * form of single scalars is checked while parsing, by {@link ValueSyntax}, {@link PortSyntax},
 * {@link MountSyntax} and {@link ShellWords}, since a record cannot hold a value that does not parse.
 */
public final class DesiredStateValidator {
  private static final List<Check> CHECKS = List.of(
      new NameCheck(),
      new SubnetCheck(),
      new NetworkCheck(),
      new ReferenceCheck(),
      new CycleCheck(),
      new PortCheck(),
      new DuplicatePathCheck(),
      new KeyValueCheck(),
      new HealthTestCheck(),
      new RouteCheck(),
      new ProxyClashCheck(),
      new SiteTlsCheck());

  private DesiredStateValidator() {}

  /** Every violation, in the order the checks find them; empty when the state is valid. */
  public static List<Violation> validate(DesiredState state) {
    List<Violation> found = new ArrayList<>();
    CHECKS.forEach(check -> check.check(state, found));
    return found;
  }
}
