package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.Violation;
import java.util.Locale;

/**
 * What one Lincheck check found.
 *
 * @param kind the violation, or {@code null} when Lincheck found none
 * @param report Lincheck's failure report, unchanged apart from surrounding blank lines, or {@code ""}
 * @param failure the error Lincheck threw, or {@code null}
 * @param invocations invocations Lincheck verified, including the re-runs of scenario minimization
 * @param elapsedNanos wall time of the check
 */
record LincheckOutcome(Violation kind, String report, Throwable failure, long invocations, long elapsedNanos) {

    /**
     * @param config what was run, never {@code null}
     * @return one line: test, mode and budget, invocations, verdict and time
     */
    String summary(LincheckConfig config) {
        return String.format(Locale.ROOT, "smpcheck %s: Lincheck %s, %,d invocations verified, %s, %.2f s",
                config.testId(), config.describe(), invocations, kind == null ? "no violation" : kind.name(),
                elapsedNanos / 1e9);
    }
}
