package dev.podkeeper.systemd;

import java.util.Map;

/**
 * Which system bus podkeeper talks to: {@code --systemd-bus}, else $DBUS_SYSTEM_BUS_ADDRESS, else the
 * standard socket.
 */
public final class SystemdBus {
  public static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";
  public static final String ENV_VARIABLE = "DBUS_SYSTEM_BUS_ADDRESS";

  private SystemdBus() {}

  /** @param option the --systemd-bus value, or null when it was not given */
  public static String resolve(String option) {
    return resolve(option, System.getenv());
  }

  static String resolve(String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    String fromEnv = env.get(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    return DEFAULT_ADDRESS;
  }
}
