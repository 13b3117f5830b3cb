package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * A replayed schedule met a decision that does not match the recording. The message names the decision and what was
 * recorded versus what the program offered.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReplayDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what differed, never {@code null} */
    public ReplayDivergedException(String message) {
        super("replay diverged: " + message);
    }
}
