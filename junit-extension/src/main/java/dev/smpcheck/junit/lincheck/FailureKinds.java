package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Lincheck failure report to a violation kind.
 *
 * <p>The kind is read from the report's title line ({@code = Invalid execution results =} and its siblings), because
 * Lincheck keeps its failure classes internal and the report is the part of its output made for people to rely on. A
 * test pins each title this adapter knows, so a Lincheck upgrade that rewords one shows up as a failing test.
 */
final class FailureKinds {
    /** Lincheck's words when the failure is its own crash rather than a finding about the checked code. */
    static final String INTERNAL_BUG = "You've caught a bug in Lincheck";

    private static final Pattern MODEL_KIND = Pattern.compile(
            Pattern.quote(ViolationException.class.getName()) + ": ([A-Z_]+): ");

    private FailureKinds() {}

    /**
     * @param report Lincheck's failure message, never {@code null}
     * @return the kind, or empty when the report is of a crash inside Lincheck
     */
    static Optional<Violation> classify(String report) {
        if (report.contains(INTERNAL_BUG)) {
            return Optional.empty();
        }
        Optional<Violation> model = modelKind(report);
        if (model.isPresent()) {
            // An operation threw a model oracle's ViolationException (ipi-core): its kind says more than "invalid
            // results", which is how Lincheck sees any exception the sequential specification does not throw.
            return model;
        }
        if (report.contains("= Invalid execution results =")) {
            return Optional.of(Violation.NOT_LINEARIZABLE);
        }
        if (report.contains("= The execution has hung, see the thread dump =")) {
            return Optional.of(Violation.TIMEOUT); // stress mode: a real thread did not finish in time
        }
        if (report.contains("= The execution has hung =")) {
            return Optional.of(report.contains("in livelock") ? Violation.LIVELOCK : Violation.DEADLOCK);
        }
        if (report.contains("= The execution failed with an unexpected exception =")) {
            return Optional.of(Violation.UNCAUGHT_EXCEPTION);
        }
        // "= Validation function ... has failed =" and any title this adapter does not know: a check failed.
        return Optional.of(Violation.ASSERTION_FAILED);
    }

    private static Optional<Violation> modelKind(String report) {
        Matcher m = MODEL_KIND.matcher(report);
        while (m.find()) {
            try {
                return Optional.of(Violation.valueOf(m.group(1)));
            } catch (IllegalArgumentException e) {
                // not one of ours after all (a message that merely looks like it); keep looking
            }
        }
        return Optional.empty();
    }
}
