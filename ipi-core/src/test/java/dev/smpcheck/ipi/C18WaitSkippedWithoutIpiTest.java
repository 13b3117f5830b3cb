package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C18 (ipi-spec §C): "wait skipped when no IPI was needed", a12a498a9738 in tip, fixed by 946a72819825 for
 * v6.17. A waiting many-call to a CPU whose queue already holds an entry owes no IPI, and must still wait.
 */
class C18WaitSkippedWithoutIpiTest {

    /** CPU0 queues an async csd to CPU1, then makes a waiting many-call to CPU1. */
    static ScheduleBody waitBehindAQueuedEntry(Variant variant) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            boolean[] done = {false};
            Csd earlier = ipi.newCsd("earlier async csd", info -> { });
            smp.onCpu(0, cpu -> {
                assertThat(ipi.callFunctionSingleAsync(1, earlier)).isZero();
                ipi.callFunctionMany(CpuMask.of(1), info -> done[0] = true, null, true);
                assertThat(done[0]).as("the function completed before the wait returned").isTrue();
            });
        };
    }

    @Test
    void waitingOnlyIfAnIpiWasSentReturnsBeforeTheFunctionRan() throws Throwable {
        Finding f = expectViolation(exhaustive("C18/buggy", 2, 1_000,
                waitBehindAQueuedEntry(Variant.MANY_COND_WAIT_IF_IPI_SENT)), Violation.WAIT_RETURNED_EARLY);

        assertThat(f.outcome().message()).isEqualTo("CPU0 in smp_call_function_many(wait=1) "
                + "returned from its wait for call #2 (cfd_data[CPU0].csd[CPU1] generation 1, sent by CPU0 "
                + "(smp_call_function_many) to CPU1) before the function started");
        assertThat(f.outcome().preemptions()).as("needs no preemption at all").isZero();
    }

    @Test
    void waitingIfWorkWasEnqueuedAlwaysWaits() throws Throwable {
        expectExhaustedClean(exhaustive("C18/fixed", 2, 5_000, waitBehindAQueuedEntry(Variant.V6_17)));
    }
}
