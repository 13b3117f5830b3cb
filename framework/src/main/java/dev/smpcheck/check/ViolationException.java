package dev.smpcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Thrown by model code (an oracle) to report a violation of a given kind at the point where it is detected.
 *
 * <p>Inside a controlled execution the engine catches it, ends the schedule and reports the kind with the trace that led
 * here. Outside one (plain threads, Lincheck) it propagates like any {@link AssertionError}, which it extends so that
 * a user's {@code catch (Exception e)} does not swallow it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ViolationException extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final Violation kind;
    private final String detail;

    /**
     * @param kind what was violated, never {@code null}
     * @param message what was seen, in the model's own vocabulary, never {@code null}
     */
    public ViolationException(Violation kind, String message) {
        super(kind + ": " + Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = message;
    }

    /**
     * @return what was seen, without the kind in front: for reports whose headline already names the kind
     */
    public String detail() {
        return detail;
    }

    /** @return the kind of violation, never {@code null} */
    public Violation kind() {
        return kind;
    }
}
