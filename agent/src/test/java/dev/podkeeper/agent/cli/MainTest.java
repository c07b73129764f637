package dev.podkeeper.agent.cli;

import static dev.podkeeper.agent.cli.CommandLineRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.agent.reconcile.LogFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

class MainTest {

  /** A subcommand as others will write them: it reads the global options through its parent. */
  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @ParentCommand
    Main main;
    Main seen;

    @Override
    public Integer call() {
      seen = main;
      return 0;
    }
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheSubcommand() {
    for (String[] args : new String[][] {
        {"--podman-socket", "unix:///tmp/p.sock", "--systemd-bus", "unix:path=/tmp/bus", "--log-format", "json",
            "--log-every-pass", "probe"},
        {"probe", "--podman-socket", "unix:///tmp/p.sock", "--systemd-bus", "unix:path=/tmp/bus", "--log-format", "JSON",
            "--log-every-pass"}}) {
      Probe probe = new Probe();
      CommandLine commandLine = Main.commandLine().addSubcommand(probe);
      assertThat(run(commandLine, args).exitCode()).isZero();
      assertThat(probe.seen.podmanSocket()).isEqualTo("unix:///tmp/p.sock");
      assertThat(probe.seen.systemdBus()).isEqualTo("unix:path=/tmp/bus");
      assertThat(probe.seen.logFormat()).isEqualTo(LogFormat.JSON);
      assertThat(probe.seen.logEveryPass()).isTrue();
    }
  }

  @Test
  void aCommandThatNamesItsSubcommandIsBuiltWithThatOneAlone() {
    assertThat(subcommands("--podman-socket", "unix:///tmp/p.sock", "--log-format", "json", "apply", "f.yaml"))
        .containsExactly("apply");
    assertThat(subcommands("--podman-socket=unix:///tmp/p.sock", "--log-every-pass", "plan", "--adopt", "f.yaml"))
        .containsExactly("plan");
    assertThat(subcommands("import", "compose", "c.yaml")).containsExactly("import");
  }

  @Test
  void theUsageHelpAndAMistypedNameSeeEverySubcommand() {
    var all = Main.commandLine().getSubcommands().keySet();
    assertThat(all).contains("validate", "apply", "run", "status", "doctor", "help");
    for (String[] args : new String[][] {{}, {"--help"}, {"-h", "apply"}, {"--version"}, {"help", "apply"},
        {"aply", "f.yaml"}, {"--", "apply"}, {"--no-such-option", "apply"}}) {
      assertThat(subcommands(args)).as(String.join(" ", args)).containsExactlyElementsOf(all);
    }
  }

  @Test
  void aSubcommandsHelpIsTheSameBuiltAloneAsAmongAll() {
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      String[] args = {name, "--help"};
      assertThat(run(Main.commandLine(args), args).out()).as(name).isEqualTo(run(Main.commandLine(), args).out());
    }
  }

  private static java.util.Set<String> subcommands(String... args) {
    return Main.commandLine(args).getSubcommands().keySet();
  }

  @Test
  void globalOptionsHaveTheSpecsDefaults() {
    Probe probe = new Probe();
    assertThat(run(Main.commandLine().addSubcommand(probe), "probe").exitCode()).isZero();
    String socket = Objects.requireNonNullElse(System.getenv("CONTAINER_HOST"),
        Objects.requireNonNullElse(System.getenv("DOCKER_HOST"), "unix:///run/podman/podman.sock"));
    String bus = Objects.requireNonNullElse(System.getenv("DBUS_SYSTEM_BUS_ADDRESS"), "unix:path=/run/dbus/system_bus_socket");
    assertThat(probe.seen.podmanSocket()).isEqualTo(socket);
    assertThat(probe.seen.systemdBus()).isEqualTo(bus);
    assertThat(probe.seen.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(probe.seen.logEveryPass()).isFalse();
  }

  /** A subcommand that logs, as the agent's own components do, before and after the options are known. */
  @Command(name = "chatty")
  static final class Chatty implements Callable<Integer> {
    @Override
    public Integer call() {
      Logger log = LoggerFactory.getLogger("dev.podkeeper.agent.loop.DesiredStateStore");
      log.info("desired state loaded from x.yaml: stack media, 1 container, 1 network, 0 units");
      log.warn("x.yaml not applied; keeping the last good desired state:\n  x.yaml:3:5: unknown key", new IOException("e"));
      return 0;
    }
  }

  @Test
  void logFormatJsonMakesTheDiagnosticsJsonOnTheCommandsStderr() {
    try {
      CommandLineRun run = run(Main.commandLine().addSubcommand(new Chatty()), "--log-format", "json", "chatty");

      assertThat(run.exitCode()).isZero();
      assertThat(run.err().lines().map(DiagnosticLoggingTest::json).toList()).hasSize(2).allSatisfy(line ->
          assertThat(line.get("logger").asText()).isEqualTo("dev.podkeeper.agent.loop.DesiredStateStore"))
          .satisfiesExactly(
              loaded -> assertThat(loaded.get("message").asText()).endsWith("1 container, 1 network, 0 units"),
              kept -> assertThat(kept.get("stack_trace").asText()).startsWith("java.io.IOException: e"));
    } finally {
      DiagnosticSink.use(LogFormat.TEXT, new PrintWriter(System.err, true));
    }
  }

  @Test
  void validatesHelpListsOnlyWhatValidateUsesAndStillAcceptsTheGlobalOptions() {
    CommandLineRun help = run("validate", "--help");

    assertThat(help.out()).contains("FILE").doesNotContain("--podman-socket").doesNotContain("--systemd-bus");
    assertThat(run("plan", "--help").out()).contains("--podman-socket").contains("--no-systemd");
    assertThat(run("apply", "--help").out()).contains("--log-format").contains("--no-systemd");
    assertThat(run("validate", "--podman-socket", "unix:///tmp/p.sock", "/nonexistent/x.yaml").exitCode())
        .as("accepted, then the missing file is the problem").isEqualTo(1);
  }

  @Test
  void aBadLogFormatIsAUsageError() {
    CommandLineRun run = run("--log-format", "xml", "validate", "x.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--log-format");
  }

  @Test
  void metricsOnAnAddressOtherThanLoopbackIsAUsageError() {
    CommandLineRun run = run("run", "--metrics", "0.0.0.0:9464", "stack.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--metrics 0.0.0.0:9464 is not a loopback address", "127.0.0.1:9464");
  }

  @Test
  void noSubcommandIsAUsageErrorThatListsThem() {
    CommandLineRun run = run();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing a subcommand", "Commands:", "validate");
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version").out()).startsWith("podkeeper ");
    CommandLineRun help = run("help", "validate");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: podkeeper validate");
  }
}
