package dev.smpcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The failure of a concurrency test: its message's first line names the violation kind, the schedule, the strategy and
 * seed, and the replay token; the lines after it show what was found and a per-thread swimlane of the trace.
 *
 * <p>Its cause, when there is one, is the exception or assertion error thrown in the failing schedule, so IDEs and
 * Surefire show where it was thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class SmpViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final Violation kind;
    private final String token;

    /**
     * @param kind the violation, never {@code null}
     * @param token the replay token, never {@code null}
     * @param report the full report, first line first, never {@code null}
     * @param cause the throwable behind it, or {@code null}
     */
    public SmpViolation(Violation kind, String token, String report, Throwable cause) {
        super(Objects.requireNonNull(report, "report"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** @return the kind of violation */
    public Violation kind() {
        return kind;
    }

    /** @return the replay token of the failing schedule */
    public String token() {
        return token;
    }
}
