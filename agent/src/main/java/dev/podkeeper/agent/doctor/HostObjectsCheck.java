package dev.podkeeper.agent.doctor;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind.Domain;
import dev.podkeeper.model.desired.DirectorySpec;
import dev.podkeeper.model.desired.EnvFileSpec;
import dev.podkeeper.model.desired.UnitSpec;
import dev.podkeeper.model.port.HostFiles.PathAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Directories, env files and units as declared, judged as {@code plan} judges them: an object the plan would act
 * on is not as declared, and the action's cause says how (an env file's values never appear: the plan says only
 * {@code content differs}). Bind-mount sources that the plan would create count as directories too.
 */
final class HostObjectsCheck implements Check {
  @Override
  public List<Finding> judge(DoctorFacts facts) {
    List<Finding> findings = new ArrayList<>();
    Set<String> judged = new LinkedHashSet<>();
    for (Action action : facts.plan().actions()) {
      check(action.kind().domain()).filter(c -> judged.add(c + ":" + action.target())).ifPresent(check ->
          findings.add(Finding.fail(check, action.target(), action.preset().map(p -> p.reason()).orElse(action.cause()),
              fix(action.kind().domain(), action))));
    }
    for (DirectorySpec dir : facts.desired().directories()) {
      String path = dir.path().toString();
      if (!judged.contains("directory:" + path)) {
        findings.add(Finding.ok("directory", path, facts.world().attributes(dir.path()).map(HostObjectsCheck::words)
            .orElse("present")));
      }
    }
    for (EnvFileSpec env : facts.desired().envFiles().values()) {
      if (!judged.contains("env-file:" + env.name())) {
        findings.add(Finding.ok("env-file", env.name(), env.path() + " as declared (mode " + env.mode() + ")"));
      }
    }
    for (String unit : facts.desired().units().keySet()) {
      if (!facts.unitsChecked()) {
        findings.add(Finding.warn("unit", unit, "not checked (--no-systemd)", "run doctor without --no-systemd"));
      } else if (!judged.contains("unit:" + unit)) {
        findings.add(Finding.ok("unit", unit, "as declared (" + words(facts.desired().units().get(unit)) + ")"));
      }
    }
    return findings;
  }

  private static Optional<String> check(Domain domain) {
    return switch (domain) {
      case DIRECTORY -> Optional.of("directory");
      case ENV_FILE -> Optional.of("env-file");
      case UNIT -> Optional.of("unit");
      default -> Optional.empty();
    };
  }

  private static String fix(Domain domain, Action action) {
    if (action.preset().isPresent()) {
      return "fix what the evidence says; podkeeper leaves it alone until then";
    }
    return domain == Domain.UNIT
        ? "`podkeeper apply` " + action.kind().word().replace("unit-", "") + "s " + action.target()
            + " (or `systemctl status " + action.target() + "` says why it stopped)"
        : "`podkeeper apply` makes it as declared (" + action.kind().word() + ")";
  }

  private static String words(UnitSpec unit) {
    return unit.state().name().toLowerCase(java.util.Locale.ROOT)
        + unit.enabled().map(enabled -> enabled ? ", enabled" : ", disabled").orElse("");
  }

  private static String words(PathAttributes a) {
    return "present, " + a.owner() + " " + a.mode();
  }
}
