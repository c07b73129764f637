package dev.podkeeper.agent.doctor;

import java.util.Locale;

/**
 * The report for a person: problems first (in check order), then warnings, then what holds; each finding on one
 * line ({@code VERDICT CHECK SUBJECT: evidence}), its fix and details indented below it.
 */
public final class DoctorText {
  private DoctorText() {}

  public static String render(DoctorReport report) {
    StringBuilder out = new StringBuilder();
    out.append("doctor: stack ").append(report.stack()).append(" from ").append(report.file()).append('\n');
    for (Verdict verdict : new Verdict[] {Verdict.FAIL, Verdict.WARN, Verdict.OK}) {
      report.findings().stream().filter(f -> f.verdict() == verdict).forEach(f -> {
        out.append(String.format("%-4s  %-9s  ", verdict.word().toUpperCase(Locale.ROOT), f.check()))
            .append(f.subject()).append(": ").append(f.evidence()).append('\n');
        f.details().forEach(line -> out.append("                   | ").append(line).append('\n'));
        if (!f.fix().isEmpty()) {
          out.append("                 fix: ").append(f.fix()).append('\n');
        }
      });
    }
    out.append(report.summary()).append('\n');
    return out.toString();
  }
}
