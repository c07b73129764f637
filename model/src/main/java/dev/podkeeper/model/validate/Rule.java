package dev.podkeeper.model.validate;

/**
 * Every check a desired-state file goes through, each with the short, stable id that ends its error
 * lines ({@code FILE:LINE:COLUMN: message [id]}). Users and scripts match on these ids: never rename one.
 * The ids and their example messages are documented in {@code docs/desired-state.md} ("Validation").
 */
public enum Rule {
  FILE_READABLE("file.readable", "The file can be read."),
  FILE_TOO_LARGE("file.too-large", "The file is at most 8 MiB, 100,000 values and lines of 65,536 characters."),
  FILE_ENCODING("file.encoding", "The file is UTF-8."),
  YAML_SYNTAX("yaml.syntax", "The file is readable YAML."),
  YAML_ALIAS("yaml.alias", "Aliases refer to earlier anchors and do not expand into a huge document."),
  YAML_DEPTH("yaml.depth", "Mappings and lists nest at most 64 deep."),
  KEYS_UNKNOWN("keys.unknown", "Every key is one of the format's."),
  KEYS_DUPLICATE("keys.duplicate", "No key twice in one mapping."),
  KEYS_REQUIRED("keys.required", "Required keys are present."),
  VALUE_TYPE("value.type", "Each value has its key's type."),
  VALUE_ENUM("value.enum", "pull, restart, state, health test and update policy and mode take one of their words."),
  VERSION("version", "version is 1."),
  STACK_NAME("stack.name", "The stack name's form."),
  NAMES("names", "Container, network, env-file and alias names' form."),
  UNITS_SUFFIX("units.suffix", "Unit names end in a unit suffix."),
  PORTS_SYNTAX("ports.syntax", "The port form."),
  PORTS_HOST_IP("ports.host-ip", "Every port has a host IP."),
  PORTS_LAN("ports.lan", "A non-loopback host IP only with lanAccess: true."),
  PORTS_DUPLICATE("ports.duplicate", "No host IP:port/protocol published twice."),
  NETWORK_MEMBER("network.member", "No ports, aliases or hostname with network: container:<x>."),
  NETWORK_PROVIDER("network.provider", "container:<x> names another container of the file that is not itself in container: mode."),
  NETWORKS_SUBNET("networks.subnet", "subnet is a CIDR, gateway an address inside it; subnets do not overlap."),
  REFS_UNKNOWN("refs.unknown", "network, dependsOn, requiresUnits and envFiles name things the file declares."),
  REFS_INACTIVE_UNIT("refs.inactive-unit", "requiresUnits names units with state: active."),
  DEPS_CYCLE("deps.cycle", "dependsOn and container: form no cycle."),
  PATH_ABSOLUTE("path.absolute", "Host paths are absolute."),
  PATH_NORMALISED("path.normalised", "Host paths have no ., .., // or trailing /."),
  PATH_SYSTEM("path.system", "No system directory (/, /etc, /usr, /boot, /proc, /sys, /dev, /run, /var, /home) is a managed directory."),
  DIRECTORIES_DUPLICATE("directories.duplicate", "Each directory listed once."),
  ENV_FILES_DUPLICATE("envFiles.duplicate", "No two env files write the same path."),
  VOLUMES_SYNTAX("volumes.syntax", "The volume form."),
  DEVICES_SYNTAX("devices.syntax", "The device form."),
  OWNER("owner", "uid:gid, numbers."),
  MODE("mode", "An octal mode."),
  MEMORY("memory", "A size."),
  CPUS("cpus", "A positive number."),
  DURATION("duration", "A duration."),
  ENV_NAME("env.name", "Variable names' form."),
  ENV_VALUE("env.value", "Values are strings, numbers or booleans (or fromFile in env files), without newlines in env files."),
  COMMAND_SYNTAX("command.syntax", "A command or entrypoint string splits into words."),
  LABELS_RESERVED("labels.reserved", "No user label under dev.podkeeper."),
  UPDATE_REFERENCE("update.reference", "An image followed for updates is a tag reference: a digest reference (@sha256:) has policy off."),
  PROXY_CADDY("proxy.caddy", "caddy is http://HOST:PORT or unix:///PATH."),
  PROXY_LISTEN("proxy.listen", "Site and route listen addresses are HOST:PORT (or :PORT); a site listens somewhere."),
  PROXY_TLS("proxy.tls", "tls internal and tailscale need the site's host; tailscale only for a *.ts.net host."),
  ROUTES_MODE("routes.mode", "A route has exactly one of path or listen; site and stripPrefix only with path."),
  ROUTES_SITE("routes.site", "A path route's site is one of proxy.sites; it may be left out when there is one."),
  ROUTES_UPSTREAM("routes.upstream", "A container route goes to a loopback TCP port it or its namespace provider publishes "
      + "(port: picks one of several); a unit route has upstream: HOST:PORT on loopback."),
  ROUTES_PATH("routes.path", "A route path starts with /, is normalised and is not /."),
  ROUTES_PATH_CLASH("routes.path-clash", "Paths are unique on their site and none nests inside another."),
  ROUTES_LISTEN_CLASH("routes.listen-clash", "Listen addresses are unique and clash with no site listener or published port.");

  private final String id;
  private final String checks;

  Rule(String id, String checks) {
    this.id = id;
    this.checks = checks;
  }

  /** The stable id printed in brackets after each message. */
  public String id() {
    return id;
  }

  /** What the rule checks, in one line. */
  public String checks() {
    return checks;
  }

  @Override
  public String toString() {
    return id;
  }
}
