package dev.podkeeper.agent.plan;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.Ownership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a step needs to carry out an action, decided by the planner. Secrets stay {@link Redacted}. */
public sealed interface ActionInput {

  /** For actions whose target says it all (units) or that never run (clashes). */
  record None() implements ActionInput {}

  record NetworkCreation(NetworkSpec spec, String stack) implements ActionInput {
    public NetworkCreation {
      requireNonNull(spec, "spec is null");
      requireNonNull(stack, "stack is null");
    }
  }

  record NetworkRef(String id) implements ActionInput {
    public NetworkRef {
      requireNonNull(id, "id is null");
    }
  }

  /**
   * @param createOwner owner of the directory, and of missing parents, if it is created
   * @param createMode mode of the directory, and of missing parents, if it is created
   * @param owner the owner the file lists, enforced on an existing directory too
   * @param mode the mode the file lists, enforced on an existing directory too
   */
  record Directory(Path path, Ownership createOwner, FileMode createMode, Optional<Ownership> owner,
      Optional<FileMode> mode) implements ActionInput {
    public Directory {
      requireNonNull(path, "path is null");
      requireNonNull(createOwner, "createOwner is null");
      requireNonNull(createMode, "createMode is null");
      requireNonNull(owner, "owner is null");
      requireNonNull(mode, "mode is null");
    }
  }

  /**
   * @param parentOwner owner and mode for a missing parent directory, made only to hold the file: root's and
   *     0700 (see {@link EnvFile#SECRETS_DIRECTORY_OWNER}), never the stack's defaults, since the file holds secrets
   */
  record EnvFile(Path path, FileMode mode, Redacted<byte[]> content, Ownership parentOwner, FileMode parentMode)
      implements ActionInput {
    public EnvFile {
      requireNonNull(path, "path is null");
      requireNonNull(mode, "mode is null");
      requireNonNull(content, "content is null");
      requireNonNull(parentOwner, "parentOwner is null");
      requireNonNull(parentMode, "parentMode is null");
    }

    public static final Ownership SECRETS_DIRECTORY_OWNER = new Ownership(0, 0);
    public static final FileMode SECRETS_DIRECTORY_MODE = new FileMode(0700);
  }

  /**
   * A container to create. The spec hash is computed when it runs: a namespace member's hash covers its
   * provider's ID, which is new when the provider was recreated earlier in the same pass.
   *
   * @param replacedId the container to stop and remove first (recreate)
   * @param update for a recreate: the image update it performs
   */
  record ContainerCreation(ContainerSpec spec, Redacted<Map<String, String>> env, String stack,
      Optional<String> replacedId, Optional<ImageUpdate> update) implements ActionInput {
    public ContainerCreation {
      requireNonNull(spec, "spec is null");
      requireNonNull(env, "env is null");
      requireNonNull(stack, "stack is null");
      requireNonNull(replacedId, "replacedId is null");
      requireNonNull(update, "update is null");
    }

    public ContainerCreation(ContainerSpec spec, Redacted<Map<String, String>> env, String stack,
        Optional<String> replacedId) {
      this(spec, env, stack, replacedId, Optional.empty());
    }

    public ContainerCreation performing(Optional<ImageUpdate> performed) {
      return new ContainerCreation(spec, env, stack, replacedId, performed);
    }
  }

  /**
   * The update gate open on a container; {@code creation} recreates it on the previous image if the gate fails.
   *
   * @param members the containers that joined its network namespace since: a rollback takes them along (Podman
   *     removes no container others joined, and they would be left in a namespace that is gone)
   */
  record GateFinish(ContainerCreation creation, UpdateGate gate, java.util.List<ContainerCreation> members)
      implements ActionInput {
    public GateFinish {
      requireNonNull(creation, "creation is null");
      requireNonNull(gate, "gate is null");
      members = java.util.List.copyOf(members);
    }
  }

  record ContainerRef(String id, Duration stopTimeout) implements ActionInput {
    /** Podman's own default when a container sets none. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public ContainerRef {
      requireNonNull(id, "id is null");
      requireNonNull(stopTimeout, "stopTimeout is null");
    }
  }

  /** Changes to the reverse proxy, made one after the other; see {@link ProxyOperation}. */
  record ProxyChange(java.util.List<ProxyOperation> operations) implements ActionInput {
    public ProxyChange {
      operations = java.util.List.copyOf(operations);
    }
  }

  record HealthWait(Duration timeout) implements ActionInput {
    public HealthWait {
      requireNonNull(timeout, "timeout is null");
    }

    /**
     * Long enough for the engine to call it healthy or unhealthy: the start period, then {@code retries}
     * failing checks, plus one interval and one check's timeout as margin for the first check.
     */
    public static HealthWait forCheck(HealthCheck check) {
      return new HealthWait(check.startPeriod()
          .plus(check.interval().multipliedBy(check.retries()))
          .plus(check.interval())
          .plus(check.timeout()));
    }
  }
}
