package dev.smpcheck.samples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.QueueSingleData;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;

/*
 * Seed 003: LKML, April 2014, Frederic Weisbecker, "[PATCH 1/2] smp: Non busy-waiting IPI queue".
 *
 * smp_queue_function_single(cpu, func, qsd) queues work on another CPU without waiting and without a per-call csd: a
 * "pending" flag claimed by cmpxchg coalesces a request that finds the work already queued. Coalescing carries a
 * promise: the run that is pending will start after the request, so it sees everything the requester wrote before
 * asking. That holds only if the handler clears pending before it runs the function; clear it after, and a request
 * arriving while the function runs is swallowed by a run that already read the old data. The idea was merged as
 * irq_work_queue_on (478850160636, v3.16), whose PENDING bit is cleared before the work runs for the same reason.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Seed003_PendingQueue2014 -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: LOST_UPDATE, "CPU0 in smp_queue_function_single found nohz kick qsd pending and relied on the pending run
 * to see its earlier writes, but no run started after that request". Clearing pending first: the bounded search is
 * exhausted with no violation, and some of its schedules do coalesce.
 */
class Seed003_PendingQueue2014 {

    @SmpTest(expect = Violation.LOST_UPDATE)
    void clearingPendingAfterTheFunctionLosesAnUpdate(Smp smp) {
        publishTwice(smp, Variant.PENDING_QUEUE_2014_CLEAR_AFTER_FUNC);
    }

    @SmpTest(strategy = "dfs", preemptions = 2, schedules = 100_000, exhaustive = true)
    void clearingPendingBeforeTheFunctionKeepsThePromise(Smp smp) {
        publishTwice(smp, Variant.PENDING_QUEUE_2014);
    }

    /** CPU0 publishes two values, asking CPU1 to look after each; the last look must see the last value. */
    private static void publishTwice(Smp smp, Variant variant) {
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
        smp.afterAll(() -> assertThat(seen[0]).as("the last run saw the last value").isEqualTo(2));
    }
}
