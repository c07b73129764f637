package dev.podkeeper.agent.loop;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.model.desired.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good desired state. An invalid, unreadable or vanished file never replaces it: the agent keeps
 * reconciling what it had and says why, once per distinct content of the file (a resync or SIGHUP that
 * finds the same broken file stays quiet).
 */
public final class DesiredStateStore {
  private static final Logger log = LoggerFactory.getLogger(DesiredStateStore.class);
  private static final String VANISHED = "<vanished>";

  private final Path file;
  private final DesiredStateLoader loader;
  private DesiredState current;
  private String lastSeen;
  private List<String> rejected = List.of();

  public DesiredStateStore(Path file, DesiredStateLoader loader) {
    this.file = requireNonNull(file, "file is null");
    this.loader = requireNonNull(loader, "loader is null");
  }

  public enum Reload { CHANGED, UNCHANGED, REJECTED }

  /**
   * The first read, at the agent's start: the file's problems, empty once it is loaded. A rejected file is
   * the caller's to report ({@code run} prints the problems and exits), so nothing is logged for it.
   */
  public synchronized List<String> loadFirst() {
    if (current != null) {
      throw new IllegalStateException("the desired state of " + file + " is loaded already");
    }
    lastSeen = fingerprint();
    DesiredStateLoader.Result result = loader.load(file);
    if (result instanceof DesiredStateLoader.Rejected rejected) {
      return rejected.problems();
    }
    accept(((DesiredStateLoader.Loaded) result).state());
    return List.of();
  }

  /** Re-reads the file if its content changed since the last read. */
  public synchronized Reload reload() {
    String fingerprint = fingerprint();
    if (fingerprint.equals(lastSeen)) {
      return Reload.UNCHANGED;
    }
    lastSeen = fingerprint;
    if (fingerprint.equals(VANISHED)) {
      return reject(List.of(file + ": the file is gone"));
    }
    DesiredStateLoader.Result result = loader.load(file);
    if (result instanceof DesiredStateLoader.Rejected rejected) {
      return reject(rejected.problems());
    }
    accept(((DesiredStateLoader.Loaded) result).state());
    return Reload.CHANGED;
  }

  private void accept(DesiredState state) {
    current = state;
    rejected = List.of();
    log.info("desired state loaded from {}: stack {}, {}, {}, {}", file, state.stack(),
        count(state.containers().size(), "container"), count(state.networks().size(), "network"),
        count(state.units().size(), "unit"));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private Reload reject(List<String> problems) {
    rejected = List.copyOf(problems);
    String keeping = current == null
        ? "there is no earlier good state, so nothing is applied"
        : "keeping the last good desired state";
    log.warn("{} not applied; {}:\n  {}", file, keeping, String.join("\n  ", problems));
    return Reload.REJECTED;
  }

  /**
   * Why the file's latest content is not applied ({@code FILE:LINE:COLUMN: message [rule]} lines); empty while
   * what the file says is what the agent keeps. {@code status} shows it first.
   */
  public synchronized List<String> rejectedEdit() {
    return rejected;
  }

  /** The last good state; empty only until a valid file has been read once. */
  public synchronized Optional<DesiredState> current() {
    return Optional.ofNullable(current);
  }

  public Path file() {
    return file;
  }

  private String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return VANISHED;
    } catch (IOException e) {
      // Unreadable (permissions, I/O): let the loader report it in its own words, every distinct time.
      return "<unreadable: " + e + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
