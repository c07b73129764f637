package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.reconcile.LogFormat;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The global options (spec section 4) as the command that mixes this in sees them. {@link Main} declares
 * them, inherited by every subcommand, so they may come before or after the subcommand's name; this mixin
 * only reads them from there. Run without {@link Main} above it (a test), they take their defaults.
 */
@Command // a mixin needs one picocli annotation; this one adds nothing to the command it is mixed into
public final class GlobalOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The {@code --podman-socket} value; null means $CONTAINER_HOST, $DOCKER_HOST, else the default. */
  public String podmanSocket() {
    return main().map(Main::podmanSocket).orElse(null);
  }

  /** The {@code --systemd-bus} value; null means $DBUS_SYSTEM_BUS_ADDRESS, else the default. */
  public String systemdBus() {
    return main().map(Main::systemdBus).orElse(null);
  }

  public LogFormat logFormat() {
    return main().map(Main::logFormat).orElse(LogFormat.TEXT);
  }

  /** {@code --log-every-pass}: passes that changed nothing have their summary line too. */
  public boolean logEveryPass() {
    return main().map(Main::logEveryPass).orElse(false);
  }

  /** The top command, however deep the mixee sits ({@code podkeeper import engine} is two levels down). */
  private Optional<Main> main() {
    for (CommandSpec up = mixee == null ? null : mixee.parent(); up != null; up = up.parent()) {
      if (up.userObject() instanceof Main main) {
        return Optional.of(main);
      }
    }
    return Optional.empty();
  }
}
