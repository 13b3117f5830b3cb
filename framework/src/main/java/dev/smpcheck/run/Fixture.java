package dev.smpcheck.run;

import dev.smpcheck.schedule.ScheduleBody;
import org.apiguardian.api.API;

/**
 * Makes fresh state for every schedule: a new test instance with its set-up done, and its tear-down afterwards. Both
 * run on the searching thread, outside the controlled execution.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Fixture {

    /**
     * @return the body to run under the next schedule, on fresh state
     * @throws Throwable a set-up failure, which ends the search as an error of the test (not a violation)
     */
    ScheduleBody setUp() throws Throwable;

    /**
     * Called after each schedule whose {@link #setUp()} succeeded, whatever the schedule's outcome.
     *
     * @throws Throwable a tear-down failure, which ends the search as an error of the test
     */
    default void tearDown() throws Throwable {}

    /**
     * @param body a body that needs no per-schedule state of its own (it makes its state inside)
     * @return a fixture that hands out that body every time
     */
    static Fixture of(ScheduleBody body) {
        return () -> body;
    }
}
