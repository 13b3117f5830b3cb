package dev.smpcheck.schedule;

/**
 * Unwinds a controlled thread whose schedule has ended (a violation elsewhere, a deadlock, the end of the search).
 *
 * <p>It is an {@link Error} so that {@code catch (Exception e)} in user code lets it pass; code that catches
 * {@code Throwable} and goes on is stopped again at its next schedule point.
 */
final class ExecutionAborted extends Error {
    private static final long serialVersionUID = 1L;

    ExecutionAborted() {
        super("smpcheck: this schedule has ended", null, false, false);
    }
}
