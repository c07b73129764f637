package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One verdict of one check about one object.
 *
 * @param check what was checked: {@code namespace}, {@code tunnel}, {@code port}, {@code route}, {@code container},
 *     {@code directory}, {@code env-file}, {@code unit}, {@code agent}
 * @param subject the object, as the file names it (container, path, route, unit)
 * @param evidence what was seen, in one line; never a secret value
 * @param fix what to do, in one line; empty when the verdict is ok
 * @param details lines that back the evidence (a log tail), already masked
 */
public record Finding(String check, String subject, Verdict verdict, String evidence, String fix,
    List<String> details) {

  public Finding {
    requireNonNull(check, "check is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(verdict, "verdict is null");
    requireNonNull(evidence, "evidence is null");
    requireNonNull(fix, "fix is null");
    details = List.copyOf(details);
    if (verdict != Verdict.OK && fix.isBlank()) {
      throw new IllegalArgumentException(check + " " + subject + ": a " + verdict.word() + " without a fix");
    }
  }

  public static Finding ok(String check, String subject, String evidence) {
    return new Finding(check, subject, Verdict.OK, evidence, "", List.of());
  }

  public static Finding warn(String check, String subject, String evidence, String fix) {
    return new Finding(check, subject, Verdict.WARN, evidence, fix, List.of());
  }

  public static Finding fail(String check, String subject, String evidence, String fix) {
    return new Finding(check, subject, Verdict.FAIL, evidence, fix, List.of());
  }

  public Finding withDetails(List<String> lines) {
    return new Finding(check, subject, verdict, evidence, fix, lines);
  }
}
