package dev.smpcheck.linearizability;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An operation recorded by {@link History#invoke} whose return is still to be recorded. Record it at most once, with
 * {@link #ret} or {@link #threw}; an invocation never completed stays pending.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Invocation {
    private final History history;
    private final int index;

    Invocation(History history, int index) {
        this.history = history;
        this.index = index;
    }

    /**
     * Records that the operation returned.
     *
     * @param result what it returned, {@code null} for a void operation
     * @throws IllegalStateException when its return was already recorded
     */
    public void ret(Object result) {
        history.complete(index, result, null);
    }

    /**
     * Records that the operation ended by throwing.
     *
     * @param failure what it threw, never {@code null}
     * @throws IllegalStateException when its return was already recorded
     */
    public void threw(Throwable failure) {
        history.complete(index, null, Objects.requireNonNull(failure, "failure"));
    }

    /** @return the operation's position in its history */
    public int id() {
        return index;
    }
}
