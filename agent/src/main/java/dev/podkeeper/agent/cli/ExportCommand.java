package dev.podkeeper.agent.cli;

import dev.podkeeper.kube.KubeManifests;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper export --format kube FILE}: the stack as Kubernetes manifests on stdout, for
 * {@code podman kube play} or a cluster. Reads only the file: no engine, no D-Bus, no secret file.
 */
@Command(name = "export",
    description = "Print FILE's stack in another format (kube: Kubernetes manifests that podman kube play runs).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Exported.", "1:FILE is invalid or unreadable.", "2:Usage error."})
public final class ExportCommand implements Callable<Integer> {
  /** The formats export writes. */
  enum Format { KUBE }

  @Spec
  private CommandSpec spec;

  @Option(names = "--format", required = true, paramLabel = "kube", description = "The format: kube.")
  private Format format;

  @Parameters(paramLabel = "FILE", description = "The desired-state file.")
  private Path file;

  @Option(names = "--include-secrets",
      description = "Write env files' values into their Secrets (default: the keys only, values left empty).")
  private boolean includeSecrets;

  @Override
  public Integer call() {
    return DesiredStateFile.load(file, spec.commandLine().getErr()).map(state -> {
      spec.commandLine().getOut().print(KubeManifests.render(state, includeSecrets));
      spec.commandLine().getOut().flush();
      return 0;
    }).orElse(1);
  }
}
