package dev.podkeeper.agent.cli;

import dev.podkeeper.agent.compose.ComposeImportException;
import dev.podkeeper.agent.compose.ComposeImporter;
import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.Problem;
import dev.podkeeper.model.validate.HostAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code podkeeper import compose FILE}: the compose file as a desired-state file on stdout. The result is
 * checked with the same parser and validator as any file; what does not pass (a port two services publish,
 * say) is printed all the same, with the problems on stderr and exit 1, so that it can be fixed by hand.
 */
@Command(name = "compose",
    description = "Print FILE (a compose file) as a desired-state file; what has no meaning here stays as a comment.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Imported; the output is valid.", "1:FILE unreadable, or the output has problems (on stderr).",
        "2:Usage error."})
public final class ImportComposeCommand implements Callable<Integer> {
  /** Compose files are small; this bounds a mistaken argument (a disk image, a FIFO), as for desired-state files. */
  private static final long MAX_BYTES = 8L << 20;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The compose file (docker-compose.yml, compose.yaml).")
  private Path file;

  @Option(names = "--stack", paramLabel = "NAME",
      description = "The stack's name (default: compose's name:, else the file's directory name).")
  private String stack;

  @Option(names = "--include-secrets",
      description = "Write secret-looking environment values into the output (default: each is read from a file"
          + " of its own at apply time, and the output says which).")
  private boolean includeSecrets;

  @Override
  public Integer call() {
    String yaml;
    try {
      yaml = ComposeImporter.convert(read(), file.toAbsolutePath().normalize().getParent(), Optional.ofNullable(stack),
          includeSecrets);
    } catch (IOException e) {
      spec.commandLine().getErr().println(file + ": cannot read: " + e.getMessage());
      return 1;
    } catch (ComposeImportException e) {
      spec.commandLine().getErr().println(file + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().print(yaml);
    spec.commandLine().getOut().flush();
    try {
      DesiredStateParser.read("<output>", yaml, HostAddresses.UNKNOWN);
      return 0;
    } catch (InvalidDesiredStateException e) {
      e.problems().stream().map(Problem::toString).forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().println("the imported file has problems: fix them before applying it");
      return 1;
    }
  }

  private String read() throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
      throw new IOException("not a regular file of at most 8 MiB");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
