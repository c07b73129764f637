package dev.podkeeper.model.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.parse.DesiredStateParser;
import dev.podkeeper.model.parse.InvalidDesiredStateException;
import dev.podkeeper.model.parse.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One file per rule that breaks exactly that rule, with the exact place and the words of the message.
 * {@link #everyRuleHasACase} keeps this table complete when a rule is added. The other tests of this
 * package and of {@code parse} try each rule's variants.
 */
class RuleCoverageTest {
  private static final String HEADER = "version: 1\nstack: s\n";
  /** A valid container "a" on network "n"; a case's lines start on line 8, inside "a". */
  private static final String CONTAINER_A = HEADER + """
      networks: { n: {} }
      containers:
        a:
          image: i
          network: n
      """;

  @TempDir
  static Path dir;

  /** The file's content (bytes, so encodings can be broken), or null for a file that does not exist. */
  record Case(Rule rule, byte[] content, int line, int column, List<String> words) {
    @Override
    public String toString() {
      return rule.id();
    }
  }

  static Stream<Case> cases() {
    return Stream.concat(coreCases(), ProxyRuleCases.cases());
  }

  private static Stream<Case> coreCases() {
    return Stream.of(
        new Case(Rule.FILE_READABLE, null, 1, 1, List.of("cannot read the file: no such file")),
        new Case(Rule.FILE_TOO_LARGE, ("# " + "x".repeat(9 << 20)).getBytes(StandardCharsets.UTF_8), 1, 1,
            List.of("larger than 8 MiB")),
        new Case(Rule.FILE_ENCODING, concat("version: 1\nstack: s", new byte[] {(byte) 0xff}, "\n"), 2, 9,
            List.of("not UTF-8", "0xFF")),
        text(Rule.YAML_SYNTAX, HEADER + "containers: a: b\n", 3, 14, "not valid YAML: mapping values are not allowed here"),
        text(Rule.YAML_ALIAS, HEADER + "containers: *nothing\n", 3, 13, "alias *nothing refers to no anchor &nothing"),
        text(Rule.YAML_DEPTH, HEADER + "defaults: " + "[".repeat(70) + "]".repeat(70) + "\n", 3, 74,
            "nest more than 64 levels deep"),
        text(Rule.KEYS_UNKNOWN, HEADER + "contaners: {}\n", 3, 1,
            "unknown key \"contaners\" at the top level (did you mean \"containers\"?)"),
        text(Rule.KEYS_DUPLICATE, HEADER + "stack: t\n", 3, 1,
            "key \"stack\" appears twice at the top level (first at stack.yaml:2:1)"),
        text(Rule.KEYS_REQUIRED, "version: 1\n", 1, 1, "the file has no stack"),
        text(Rule.VALUE_TYPE, CONTAINER_A + "    capAdd: NET_ADMIN\n", 8, 13, "capAdd must be a list, e.g. [NET_ADMIN]"),
        text(Rule.VALUE_ENUM, CONTAINER_A + "    restart: sometimes\n", 8, 14,
            "restart \"sometimes\" must be one of no, on-failure, always, unless-stopped"),
        text(Rule.VERSION, "version: 2\nstack: s\n", 1, 10, "version 2 is not supported; this podkeeper reads version 1"),
        text(Rule.STACK_NAME, "version: 1\nstack: HWC_Server\n", 2, 8, "stack \"HWC_Server\" must match [a-z0-9][a-z0-9-]*"),
        text(Rule.NAMES, HEADER + "networks:\n  -web: {}\n", 4, 3,
            "network name \"-web\" must match [a-zA-Z0-9][a-zA-Z0-9_.-]*"),
        text(Rule.UNITS_SUFFIX, HEADER + "units:\n  jellyfin: { state: active }\n", 4, 3,
            "unit \"jellyfin\" has no unit suffix (did you mean \"jellyfin.service\"?)"),
        text(Rule.PORTS_SYNTAX, CONTAINER_A + "    ports: [\"127.0.0.1:8989\"]\n", 8, 13,
            "port \"127.0.0.1:8989\" is not HOSTIP:HOSTPORT:CONTAINERPORT[/tcp|/udp]"),
        text(Rule.PORTS_HOST_IP, CONTAINER_A + "    ports: [\"8989:8989\"]\n", 8, 13,
            "port \"8989:8989\" has no host IP; it would bind every interface. Write 127.0.0.1:8989:8989, "
                + "or set lanAccess: true and give the IP"),
        text(Rule.PORTS_LAN, CONTAINER_A + "    ports: [\"0.0.0.0:8080:8080\"]\n", 8, 13,
            "port \"0.0.0.0:8080:8080\" is not on a loopback address; use 127.0.0.1, or set lanAccess: true "
                + "on container \"a\""),
        text(Rule.PORTS_DUPLICATE, CONTAINER_A + """
                ports: ["127.0.0.1:8080:80"]
              b:
                image: i
                network: n
                ports: ["127.0.0.1:8080:81"]
            """, 12, 13, "127.0.0.1:8080/tcp is already published by container \"a\" (stack.yaml:8:13)"),
        text(Rule.NETWORK_MEMBER, CONTAINER_A + """
              b:
                image: i
                network: container:a
                ports: ["127.0.0.1:8080:80"]
            """, 11, 5, "container \"b\" joins container:a and cannot declare ports; publish them on \"a\""),
        text(Rule.NETWORK_PROVIDER, CONTAINER_A + """
              b:
                image: i
                network: container:c
            """, 10, 14, "container \"b\" joins \"c\", which is not a container of this file"),
        text(Rule.NETWORKS_SUBNET, HEADER + "networks:\n  n:\n    subnet: 10.89.0.0/24\n    gateway: 10.90.0.1\n",
            6, 14, "gateway 10.90.0.1 is outside subnet 10.89.0.0/24"),
        text(Rule.REFS_UNKNOWN, CONTAINER_A + "    dependsOn: [b]\n", 8, 17,
            "dependsOn names \"b\", which is not a container of this file"),
        text(Rule.REFS_INACTIVE_UNIT, HEADER + """
            networks: { n: {} }
            units: { caddy.service: { state: inactive } }
            containers:
              a:
                image: i
                network: n
                requiresUnits: [caddy.service]
            """, 9, 21, "requiresUnits names \"caddy.service\", which the file wants inactive"),
        text(Rule.DEPS_CYCLE, CONTAINER_A + """
                dependsOn: [b]
              b:
                image: i
                network: n
                dependsOn: [a]
            """, 8, 17, "dependency cycle: a -> b -> a"),
        text(Rule.PATH_ABSOLUTE, HEADER + """
            envFiles:
              vpn:
                path: /e.env
                values:
                  P: { fromFile: run/agenix/p }
            """, 7, 22, "fromFile \"run/agenix/p\" is not an absolute path"),
        text(Rule.PATH_NORMALISED, HEADER + "directories:\n  - path: /mnt/hot/../media/\n", 4, 11,
            "path \"/mnt/hot/../media/\" is not normalised; write \"/mnt/media\""),
        text(Rule.PATH_SYSTEM, HEADER + "directories:\n  - { path: /etc, owner: \"1000:1000\" }\n", 4, 13,
            "path \"/etc\" is a system directory, which podkeeper does not manage (it would set its owner and mode);"
                + " list a directory below it, such as \"/etc/data\""),
        text(Rule.DIRECTORIES_DUPLICATE, HEADER + "directories:\n  - path: /a\n  - path: /a\n", 5, 11,
            "directory /a is already listed (stack.yaml:4:11)"),
        text(Rule.ENV_FILES_DUPLICATE, HEADER + "envFiles:\n  a: { path: /e.env }\n  b: { path: /e.env }\n", 5, 14,
            "env file \"b\" writes /e.env, as env file \"a\" does (stack.yaml:4:14)"),
        text(Rule.VOLUMES_SYNTAX, CONTAINER_A + "    volumes: [/mnt/media/tv:tv]\n", 8, 15,
            "volume \"/mnt/media/tv:tv\" needs an absolute container path"),
        text(Rule.DEVICES_SYNTAX, CONTAINER_A + "    devices: [\"/dev/net/tun:/dev/net/tun:x\"]\n", 8, 15,
            "device \"/dev/net/tun:/dev/net/tun:x\" has permissions other than r, w, m"),
        text(Rule.OWNER, HEADER + "defaults:\n  owner: eric:users\n", 4, 10,
            "owner \"eric:users\" must be numeric uid:gid, e.g. \"1000:100\""),
        text(Rule.MODE, HEADER + "defaults:\n  mode: \"0789\"\n", 4, 9, "mode \"0789\" is not an octal mode such as \"0755\""),
        text(Rule.MEMORY, CONTAINER_A + "    memory: 2GB\n", 8, 13,
            "memory \"2GB\" is not a size; write bytes or a number with k, m or g, e.g. 2g"),
        text(Rule.CPUS, CONTAINER_A + "    cpus: two\n", 8, 11, "cpus \"two\" is not a positive number such as 1.0"),
        text(Rule.DURATION, CONTAINER_A + "    stopTimeout: 1m30s\n", 8, 18,
            "stopTimeout \"1m30s\" must be a whole number with one unit (ms, s, m, h); write 90s"),
        text(Rule.ENV_NAME, CONTAINER_A + "    env: { MY-VAR: x }\n", 8, 12,
            "env name \"MY-VAR\" must match [A-Za-z_][A-Za-z0-9_]*"),
        text(Rule.ENV_VALUE, CONTAINER_A + "    env:\n      FOO:\n", 9, 7,
            "env FOO has no value; write FOO: \"\" for an empty one"),
        text(Rule.COMMAND_SYNTAX, CONTAINER_A + "    command: \"sh -c 'echo hi\"\n", 8, 14,
            "command \"sh -c 'echo hi\" has an unterminated quote"),
        text(Rule.LABELS_RESERVED, CONTAINER_A + "    labels: { dev.podkeeper.stack: x }\n", 8, 15,
            "label \"dev.podkeeper.stack\" is reserved for podkeeper"),
        text(Rule.UPDATE_REFERENCE, HEADER + "containers:\n  a:\n    image: busybox@sha256:" + "0".repeat(64)
            + "\n    update: { policy: registry }\n", 6, 23, "update policy registry cannot follow image",
            "a digest reference never names another image; write a tag (e.g. docker.io/library/busybox:latest)"));
  }

  @Test
  void everyRuleHasACase() {
    assertThat(cases().map(Case::rule)).containsExactlyInAnyOrder(Rule.values());
  }

  @Test
  void ruleIdsAreUniqueAndLowerCase() {
    assertThat(Arrays.stream(Rule.values()).map(Rule::id)).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[a-z][a-zA-Z.-]*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleIsReportedAtTheOffendingNode(Case c) throws IOException {
    Path file = Files.createDirectories(dir.resolve(c.rule().id())).resolve("stack.yaml");
    if (c.content() != null) {
      Files.write(file, c.content());
    }
    Problem problem = singleProblem(file);
    assertThat(problem.rule()).isEqualTo(c.rule().id());
    assertThat(List.of(problem.line(), problem.column())).as("line and column of %s", problem)
        .containsExactly(c.line(), c.column());
    // Messages that point at a second place name the file as the problem does.
    assertThat(problem.message()).contains(c.words().stream().map(w -> w.replace("stack.yaml:", file + ":")).toList());
    assertThat(problem.file()).isEqualTo(file.toString());
    assertThat(problem.toString()).isEqualTo(file + ":" + c.line() + ":" + c.column() + ": " + problem.message()
        + " [" + c.rule().id() + "]");
  }

  private static Problem singleProblem(Path file) {
    List<Problem> problems = new java.util.ArrayList<>();
    assertThatThrownBy(() -> DesiredStateParser.parse(file))
        .isInstanceOfSatisfying(InvalidDesiredStateException.class, e -> problems.addAll(e.problems()));
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  private static Case text(Rule rule, String yaml, int line, int column, String... words) {
    return new Case(rule, yaml.getBytes(StandardCharsets.UTF_8), line, column, List.of(words));
  }

  private static byte[] concat(String before, byte[] bytes, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + bytes.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(bytes, 0, all, a.length, bytes.length);
    System.arraycopy(c, 0, all, a.length + bytes.length, c.length);
    return all;
  }
}
