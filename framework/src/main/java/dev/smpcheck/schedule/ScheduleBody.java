package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * The code one schedule runs: a test body. It runs as the controlled thread {@code main}; the CPU tasks it puts with
 * {@link Smp#onCpu} start when it returns.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ScheduleBody {
    /** @param smp this schedule's handle, never {@code null} */
    void run(Smp smp) throws Throwable;
}
