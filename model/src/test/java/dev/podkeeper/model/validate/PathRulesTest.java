package dev.podkeeper.model.validate;

import static dev.podkeeper.model.parse.Parsing.onlyProblem;
import static dev.podkeeper.model.parse.Parsing.problems;
import static dev.podkeeper.model.parse.Parsing.valid;
import static dev.podkeeper.model.parse.Parsing.withHeader;
import static dev.podkeeper.model.validate.StackFiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.parse.Problem;
import org.junit.jupiter.api.Test;

/** Rule 6: host paths are absolute and normalised, wherever they are written; and each is listed once. */
class PathRulesTest {

  @Test
  void everyKindOfHostPathIsChecked() {
    assertThat(problems(stack()
        .container("a", "n",
            "volumes: [\"data/x:/data\", \"/srv//x:/x\"]",
            "devices: [dev/fuse, \"/dev/./fuse:/dev/fuse\"]",
            "envFiles: [./a.env, /etc/b.env/]",
            "workdir: app")
        .top("directories: [{ path: srv }, { path: /srv/ }]",
            "envFiles:",
            "  e:",
            "    path: e.env",
            "    values: { K: { fromFile: /run/../k } }").yaml()))
        .extracting(Problem::toString).containsExactly(
            "stack.yaml:8:15: volume source \"data/x\" is not an absolute path [path.absolute]",
            "stack.yaml:8:31: volume source \"/srv//x\" is not normalised; write \"/srv/x\" [path.normalised]",
            "stack.yaml:9:15: device \"dev/fuse\" needs an absolute container path [devices.syntax]",
            "stack.yaml:9:25: device \"/dev/./fuse\" is not normalised; write \"/dev/fuse\" [path.normalised]",
            "stack.yaml:10:16: envFiles entry \"./a.env\" is not an absolute path [path.absolute]",
            "stack.yaml:10:25: envFiles entry \"/etc/b.env/\" is not normalised; write \"/etc/b.env\" [path.normalised]",
            "stack.yaml:11:14: workdir \"app\" is not an absolute path [path.absolute]",
            "stack.yaml:12:23: path \"srv\" is not an absolute path [path.absolute]",
            "stack.yaml:12:38: path \"/srv/\" is not normalised; write \"/srv\" [path.normalised]",
            "stack.yaml:15:11: path \"e.env\" is not an absolute path [path.absolute]",
            "stack.yaml:16:30: fromFile \"/run/../k\" is not normalised; write \"/k\" [path.normalised]");
  }

  @Test
  void namedVolumesAreNotPaths() {
    valid(stack().container("a", "n", "volumes: [cache:/cache, my_data.1:/data:ro]").yaml());
  }

  @Test
  void eachDirectoryIsListedOnce() {
    onlyProblem(withHeader("directories:", "  - path: /srv/a", "  - path: /srv/b", "  - { path: /srv/a, mode: \"0700\" }"),
        "directories.duplicate", 6, 13, "directory /srv/a is already listed (stack.yaml:4:11)");
  }

  @Test
  void twoEnvFilesCannotWriteOnePath() {
    onlyProblem(withHeader("envFiles:", "  a: { path: /srv/vpn.env }", "  b: { path: /srv/other.env }",
            "  c: { path: /srv/vpn.env }"),
        "envFiles.duplicate", 6, 14, "env file \"c\" writes /srv/vpn.env, as env file \"a\" does (stack.yaml:4:14)");
  }

  @Test
  void systemDirectoriesThemselvesAreNotManagedButWhatIsBelowThemAndBindMountsOfThemAre() {
    for (String system : HostPaths.SYSTEM_DIRECTORIES.stream().map(Object::toString).sorted().toList()) {
      assertThat(problems(withHeader("directories:", "  - path: " + system)))
          .extracting(Problem::toString).singleElement().asString()
          .startsWith("stack.yaml:4:11: path \"" + system + "\" is a system directory").endsWith("[path.system]");
    }
    valid(withHeader("directories:", "  - path: /etc/app", "  - path: /var/lib/app", "  - path: /home/media"));
    valid(stack().container("a", "n", "volumes: [\"/sys:/host/sys:ro\", \"/:/rootfs:ro\"]").yaml());
  }
}
