package dev.smpcheck.samples.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;
import dev.smpcheck.schedule.ThreadHandle;
import java.util.ArrayList;
import java.util.List;

/*
 * Sample 05: plain threads, no CPUs. smp.thread(name, body) starts a controlled thread; join() waits for it.
 *
 * Plain JUnit silently ignores an exception thrown in a thread the test started (the thread dies, the test passes).
 * Here any exception in a controlled thread fails the test with the schedule that led to it.
 *
 * smp.thread needs no agent. Plain new Thread(...).start(), executors and fork/join pools are controlled too when the
 * smpcheck agent is loaded (docs/instrumentation.md, and PlainJavaTest in junit-extension); without the agent such a
 * thread is not controlled, and the test fails as UNCONTROLLED_THREAD rather than pass untested.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Api05_ControlledThreads -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the worker that runs before its input is published is found in schedule 0 (the body is preempted at
 * "publish input"); publishing before the start passes all 1,000 schedules.
 */
class Api05_ControlledThreads {

    @SmpTest(expect = Violation.UNCAUGHT_EXCEPTION)
    void brokenWorkerThrows(Smp smp) {
        List<Integer> results = new ArrayList<>();
        ThreadHandle worker = smp.thread("worker", () -> {
            smp.point("compute");
            if (results.isEmpty()) {
                throw new IllegalStateException("worker ran before the body published its input");
            }
        });
        smp.point("publish input");
        results.add(42);
        worker.join();
    }

    @SmpTest
    void publishBeforeStartIsSafe(Smp smp) {
        List<Integer> results = new ArrayList<>();
        results.add(42);
        ThreadHandle worker = smp.thread("worker", () -> {
            smp.point("compute");
            assertThat(results).containsExactly(42);
        });
        worker.join();
    }
}
