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
 * Seed 003 (Frederic Weisbecker, Apr 2014): {@code smp_queue_function_single} coalesces a request that finds the work
 * pending, and promises that the pending run sees the requester's earlier writes. That holds only if the handler
 * clears {@code pending} before running the function.
 */
class Seed003PendingQueueTest {

    /**
     * CPU0 publishes two values, requesting a run on CPU1 after each; the function records the value it sees.
     *
     * @param coalesced raised by the number of coalesced requests of each schedule
     */
    static ScheduleBody publishTwice(Variant variant, int[] coalesced) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            QueueSingleData qsd = ipi.newQueueSingleData("nohz kick qsd");
            int[] data = {0};
            int[] seen = {0};
            smp.onCpu(0, cpu -> {
                for (int value = 1; value <= 2; value++) {
                    data[0] = value;
                    assertThat(ipi.queueFunctionSingle(1, q -> seen[0] = data[0], qsd)).isZero();
                }
            });
            smp.afterAll(() -> {
                coalesced[0] += ipi.coalescedRequests();
                assertThat(seen[0]).as("the last run saw the last value").isEqualTo(2);
                assertThat(qsd.isPending()).isFalse();
                assertThat(ipi.warnings()).isEmpty();
            });
        };
    }

    @Test
    void clearingPendingBeforeTheFunctionKeepsThePromise() throws Throwable {
        int[] coalesced = {0};
        expectExhaustedClean(exhaustive("seed003/correct", 2, 20_000,
                publishTwice(Variant.PENDING_QUEUE_2014, coalesced)));
        assertThat(coalesced[0]).as("schedules where the second request found the work pending").isPositive();
    }

    @Test
    void clearingPendingAfterTheFunctionLosesAnUpdate() throws Throwable {
        Finding f = expectViolation(exhaustive("seed003/wrongOrder", 2, 20_000,
                publishTwice(Variant.PENDING_QUEUE_2014_CLEAR_AFTER_FUNC, new int[1])), Violation.LOST_UPDATE);

        assertThat(f.outcome().message()).isEqualTo("CPU0 in smp_queue_function_single found nohz kick "
                + "qsd pending and relied on the pending run to see its earlier writes, but no run started after that "
                + "request (its last run started before the request)");
        assertThat(Searches.eventTexts(f)).containsSubsequence("cmpxchg pending 0 -> 1 nohz kick qsd",
                "xchg pending 0 nohz kick qsd");
    }
}
