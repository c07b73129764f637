package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.reconcile.LogFormat;
import dev.podkeeper.model.validate.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status socket's "run a pass" request, as {@code apply} sends it to a running agent of its stack, and
 * the agent's answer. On the wire, one request line {@code pass FORMAT [check-updates] FILE} (FILE is absolute, so
 * no option word is taken for it); the answer is a verdict line
 * ({@code converged}, {@code not-converged}, or {@code refused REASON}) and then the pass's reconcile log
 * lines, in the asked format. A connection that sends no such line gets the status document, as before.
 */
public final class PassExchange {
  static final String VERB = "pass";
  static final String CHECK_UPDATES = "check-updates";

  private PassExchange() {}

  /**
   * @param file absolute: the agent compares it with the file it keeps
   * @param checkUpdates {@code apply --check-updates}: the pass asks the registry about every followed reference
   */
  public record Ask(LogFormat format, Path file, boolean checkUpdates) {
    public Ask {
      requireNonNull(format, "format is null");
      file = requireNonNull(file, "file is null").toAbsolutePath().normalize();
    }

    public Ask(LogFormat format, Path file) {
      this(format, file, false);
    }

    String line() {
      return VERB + " " + format.name().toLowerCase(Locale.ROOT) + (checkUpdates ? " " + CHECK_UPDATES : "") + " "
          + file + "\n";
    }

    /** The ask a request line carries; empty for any other line (a status request). */
    static Optional<Ask> parse(String line) {
      String[] words = line.strip().split(" ", 3);
      if (words.length != 3 || !words[0].equals(VERB)) {
        return Optional.empty();
      }
      boolean checkUpdates = words[2].startsWith(CHECK_UPDATES + " ");
      String file = checkUpdates ? words[2].substring(CHECK_UPDATES.length() + 1) : words[2];
      for (LogFormat format : LogFormat.values()) {
        if (format.name().toLowerCase(Locale.ROOT).equals(words[1])) {
          return Optional.of(new Ask(format, Path.of(file), checkUpdates));
        }
      }
      return Optional.empty();
    }
  }

  /**
   * What the agent answers.
   *
   * @param stack for a refusal, the stack the agent keeps ({@code -} when it has none yet)
   */
  public record Answer(Verdict verdict, String stack, String reason, List<String> lines) {
    private static final String NO_STACK = "-";

    public Answer {
      requireNonNull(verdict, "verdict is null");
      requireNonNull(stack, "stack is null");
      requireNonNull(reason, "reason is null");
      lines = List.copyOf(lines);
    }

    public static Answer ran(boolean converged, List<String> lines) {
      return new Answer(converged ? Verdict.CONVERGED : Verdict.NOT_CONVERGED, "", "", lines);
    }

    /** The agent runs no pass for this ask: it keeps another file, or none. */
    public static Answer refused(Optional<String> stack, String reason) {
      String name = stack.filter(s -> !s.isBlank() && !s.contains(" ")).orElse(NO_STACK);
      return new Answer(Verdict.REFUSED, name, reason.replace('\n', ' '), List.of());
    }

    String text() {
      StringBuilder text = new StringBuilder(verdict.word);
      text.append(verdict == Verdict.REFUSED ? " " + stack + " " + reason : "").append('\n');
      lines.forEach(line -> text.append(line).append('\n'));
      return text.toString();
    }

    static Answer parse(String text) {
      List<String> lines = new ArrayList<>(text.lines().toList());
      if (lines.isEmpty()) {
        return refused(Optional.empty(), "the agent closed the connection without an answer");
      }
      String head = lines.remove(0);
      if (head.startsWith(Verdict.REFUSED.word + " ")) {
        String[] words = head.split(" ", 3);
        return refused(Optional.of(words[1]), words.length == 3 ? words[2] : "");
      }
      for (Verdict verdict : Verdict.values()) {
        if (head.equals(verdict.word)) {
          return new Answer(verdict, "", "", lines);
        }
      }
      return refused(Optional.empty(), "the agent answered " + Quote.bare(head.substring(0, Math.min(head.length(), 80)))
          + ", not a pass result (an older podkeeper?)");
    }
  }

  public enum Verdict {
    CONVERGED("converged"), NOT_CONVERGED("not-converged"), REFUSED("refused");

    private final String word;

    Verdict(String word) {
      this.word = word;
    }
  }

  /** The agent's side: runs a pass with trigger manual and answers with its result. */
  @FunctionalInterface
  public interface Handler {
    Answer run(Ask ask) throws InterruptedException;
  }
}
