package dev.smpcheck.schedule;

import dev.smpcheck.check.Violation;
import org.apiguardian.api.API;

/**
 * How one schedule ended.
 *
 * @param violation what was found, or {@code null} when the schedule completed cleanly
 * @param actor the logical thread where it was found (or {@code "engine"}), {@code null} when clean
 * @param message what was found, in words; for a deadlock who waits for what, for a timeout the stuck stack
 * @param failure the throwable behind it, or {@code null}
 * @param divergence why the strategy could not go on (a replay or a DFS prefix met a program that no longer matches
 *     what it recorded), else {@code null}
 * @param steps schedule points passed
 * @param preemptions preemptions taken
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Outcome(Violation violation, String actor, String message, Throwable failure, String divergence,
        long steps, int preemptions) {

    /** @return whether a violation was found */
    public boolean failed() {
        return violation != null;
    }
}
