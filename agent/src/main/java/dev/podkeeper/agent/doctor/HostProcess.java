package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

/** A process of the host, as {@code ss -p} names it: its PID and its command line (or, without one, its name). */
public record HostProcess(long pid, String command) {
  /** Enough to tell {@code python3 -m http.server 8989} from another; the rest is in {@code ps -p PID}. */
  static final int COMMAND_LIMIT = 120;

  public HostProcess {
    requireNonNull(command, "command is null");
  }

  /** From {@code /proc/PID/cmdline} (arguments separated by NUL) or else {@code /proc/PID/comm}. */
  static HostProcess of(long pid, String cmdline, String comm) {
    String command = cmdline.replace('\0', ' ').strip();
    if (command.isEmpty()) {
      command = comm.strip();
    }
    return new HostProcess(pid, command.length() > COMMAND_LIMIT ? command.substring(0, COMMAND_LIMIT) + "..." : command);
  }

  /** {@code pid 4242 (python3 -m http.server 8989)} */
  @Override
  public String toString() {
    return "pid " + pid + " (" + command + ")";
  }
}
