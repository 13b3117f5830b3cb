package dev.smpcheck.schedule;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Supplies the Java threads that logical threads run on. The engine decides who runs; a backend only starts bodies
 * and parks or wakes their threads, so a faster backend (virtual threads on a one-carrier scheduler) can replace the
 * platform one without changing any schedule: the same seed gives the same trace on every backend.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface Backend extends AutoCloseable {

    /**
     * Runs {@code body} on a thread of this backend, now.
     *
     * @param name the logical thread's name, for thread dumps
     * @param body the work; it parks itself until the engine hands it control
     * @return the thread that runs it
     */
    Thread start(String name, Runnable body);

    /**
     * Gives up on a thread stuck in user code: it is never reused and is left to end on its own (it is a daemon).
     *
     * @param thread a thread this backend started
     */
    void abandon(Thread thread);

    /** @return threads started by code running on this backend's threads that this backend did not start, still alive */
    List<Thread> strangers();

    /** Ends every pooled thread and waits briefly for them; abandoned threads are left alone. */
    @Override
    void close();
}
