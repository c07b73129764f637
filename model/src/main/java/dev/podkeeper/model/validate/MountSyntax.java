package dev.podkeeper.model.validate;

import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.VolumeMount;

/**
 * Volumes ({@code SOURCE:CONTAINERPATH[:ro|:rw]}) and devices ({@code HOST[:CONTAINER[:PERMS]]}). Only
 * an absolute source is a host path ({@link HostPaths}); any other is the name of a Podman volume.
 */
public final class MountSyntax {
  private MountSyntax() {}

  public static VolumeMount volume(String text) throws FormatException {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      throw new FormatException(Rule.VOLUMES_SYNTAX,
          "volume " + Quote.of(text) + " is not SOURCE:CONTAINERPATH[:ro|:rw]");
    }
    if (!parts[1].startsWith("/")) {
      throw new FormatException(Rule.VOLUMES_SYNTAX, "volume " + Quote.of(text) + " needs an absolute container path");
    }
    boolean readOnly = parts.length == 3 && parts[2].equals("ro");
    if (parts.length == 3 && !readOnly && !parts[2].equals("rw")) {
      throw new FormatException(Rule.VOLUMES_SYNTAX,
          "volume " + Quote.of(text) + " has option " + Quote.of(parts[2]) + "; the options are ro and rw");
    }
    source(text, parts[0]);
    return new VolumeMount(parts[0], parts[1], readOnly);
  }

  public static DeviceMapping device(String text) throws FormatException {
    String[] parts = text.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new FormatException(Rule.DEVICES_SYNTAX, "device " + Quote.of(text) + " is not HOST[:CONTAINER[:PERMS]]");
    }
    String containerPath = parts.length > 1 ? parts[1] : parts[0];
    if (!containerPath.startsWith("/")) {
      throw new FormatException(Rule.DEVICES_SYNTAX, "device " + Quote.of(text) + " needs an absolute container path");
    }
    String permissions = parts.length > 2 ? parts[2] : "rwm";
    if (!permissions.matches("(?!.*(.).*\\1)[rwm]+")) {
      throw new FormatException(Rule.DEVICES_SYNTAX,
          "device " + Quote.of(text) + " has permissions other than r, w, m");
    }
    HostPaths.parse("device", parts[0]);
    return new DeviceMapping(parts[0], containerPath, permissions);
  }

  private static void source(String volume, String source) throws FormatException {
    if (source.startsWith("/")) {
      HostPaths.parse("volume source", source);
    } else if (source.contains("/") || source.startsWith(".") || source.startsWith("~")) {
      // Meant as a host path: Podman resolves relative ones against its own working directory.
      throw new FormatException(Rule.PATH_ABSOLUTE, "volume source " + Quote.of(source) + " is not an absolute path");
    } else if (!NameCheck.NAME.matcher(source).matches()) {
      throw new FormatException(Rule.VOLUMES_SYNTAX, "volume " + Quote.of(volume) + " has source " + Quote.of(source)
              + ", which is neither an absolute host path nor a volume name (" + NameCheck.NAME.pattern() + ")");
    }
  }
}
