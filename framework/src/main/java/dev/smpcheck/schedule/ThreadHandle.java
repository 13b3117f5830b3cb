package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * A plain controlled thread started with {@link Smp#thread}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ThreadHandle {

    /** @return the name given at start, never {@code null} */
    String name();

    /** @return whether the thread has not yet finished */
    boolean isAlive();

    /**
     * Waits until the thread finished; a schedule point. Only controlled threads of the same schedule may join.
     *
     * @throws IllegalStateException when called from a thread the engine does not control
     */
    void join();
}
