package dev.podkeeper.agent.doctor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** Every finding about one stack, and what doctor exits with: 0 all hold, 1 a problem was found. */
public record DoctorReport(String stack, String file, Instant at, List<Finding> findings) {
  public static final int ALL_HOLD = 0;
  public static final int PROBLEM = 1;
  public static final int COULD_NOT_LOOK = 2;

  public DoctorReport {
    requireNonNull(stack, "stack is null");
    requireNonNull(file, "file is null");
    requireNonNull(at, "at is null");
    findings = List.copyOf(findings);
  }

  /** Every check judged on the same facts. */
  public static DoctorReport of(String file, Instant at, DoctorFacts facts) {
    return new DoctorReport(facts.desired().stack(), file, at,
        Check.all().stream().flatMap(check -> check.judge(facts).stream()).toList());
  }

  public long count(Verdict verdict) {
    return findings.stream().filter(f -> f.verdict() == verdict).count();
  }

  public int exitCode() {
    return count(Verdict.FAIL) > 0 ? PROBLEM : ALL_HOLD;
  }

  /** {@code 2 failed, 1 warning, 14 ok} */
  public String summary() {
    long warnings = count(Verdict.WARN);
    return count(Verdict.FAIL) + " failed, " + warnings + " warning" + (warnings == 1 ? "" : "s") + ", "
        + count(Verdict.OK) + " ok";
  }
}
