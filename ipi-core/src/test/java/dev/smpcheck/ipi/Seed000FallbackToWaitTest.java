package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (2008 generic-ipi thread): a no-wait call whose allocation fails falls back to an on-stack csd and waits;
 * two CPUs doing that to each other with irqs off deadlock (C1). Idea #5, a waiter polling its own queue, breaks the
 * cycle; so does idea #1, one global lock spun on with irqs enabled, at the price of one call in flight at a time.
 */
class Seed000FallbackToWaitTest {

    /**
     * CPU0 and CPU1 each send the other a no-wait call, with irqs disabled or not.
     *
     * @param mostInFlight raised to the most calls in flight at once of each schedule
     */
    static ScheduleBody crossCalls(Variant variant, boolean irqsOff, int[] mostInFlight) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = new int[2];
            Scenarios.eachCallsTheOther(smp, irqsOff, (cpu, other) ->
                    assertThat(ipi.callFunctionSingle(other, info -> runs[other]++, false)).isZero());
            smp.afterAll(() -> {
                assertThat(runs).containsExactly(1, 1);
                assertThat(ipi.completedCalls()).isEqualTo(2);
                mostInFlight[0] = Math.max(mostInFlight[0], ipi.maxCallsInFlight());
            });
        };
    }

    @Test
    void theFallbackToWaitDeadlocksWhenBothAllocationsFailWithIrqsOff() throws Throwable {
        SearchResult result = search("seed000/fallback", 2, 1_000,
                crossCalls(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, true, new int[1]));

        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).as(f.report()).isEqualTo(Violation.DEADLOCK);
        assertThat(f.reproduced()).as("the replay ends the same way").isTrue();
        assertThat(f.outcome().message())
                .contains("CPU0 waits for csd_lock_wait stack csd")
                .contains("CPU1 waits for csd_lock_wait stack csd")
                .contains("non-responsive CSD lock on CPU#0, waiting for CPU#1")
                .contains("target is unresponsive (irqs disabled)")
                .contains("CPU0 has CALL_FUNCTION_SINGLE pending but irqs are disabled");
        assertThat(Searches.eventTexts(f)).contains("kmalloc(GFP_ATOMIC) fails = 1");
        // WARN_ON_ONCE: one warning, from whichever CPU got there first.
        assertThat(Searches.eventTexts(f).stream().filter(t -> t.startsWith("WARN ")))
                .singleElement().asString()
                .matches("WARN smp_call_function_single on CPU[01] with irqs disabled: can deadlock");
    }

    @Test
    void theFallbackToWaitCompletesWhenCallersKeepIrqsEnabled() throws Throwable {
        SearchResult result = search("seed000/fallbackIrqsOn", 2, 1_000,
                crossCalls(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, false, new int[1]));

        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void aWaiterThatPollsItsOwnQueueNeverDeadlocks() throws Throwable {
        expectExhaustedClean(exhaustive("seed000/pollOwnQueue", 2, 50_000,
                crossCalls(Variant.GENERIC_IPI_2008_POLL_OWN_QUEUE, true, new int[1])));
    }

    @Test
    void aGlobalLockSpunOnWithIrqsEnabledNeverDeadlocksButAllowsOneCallInFlight() throws Throwable {
        int[] most = {0};
        SearchResult result = exhaustive("seed000/globalLock", 2, 50_000,
                crossCalls(Variant.GENERIC_IPI_2008_GLOBAL_LOCK, true, most));

        expectExhaustedClean(result);
        assertThat(most[0]).as("calls enqueued and not yet started, at most, over every schedule").isEqualTo(1);
    }

    @Test
    void withoutTheGlobalLockBothCallsCanBeInFlightAtOnce() throws Throwable {
        int[] most = {0};
        SearchResult result = search("seed000/noGlobalLock", 2, 500,
                crossCalls(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, false, most));

        expectClean(result);
        assertThat(most[0]).isEqualTo(2);
    }
}
