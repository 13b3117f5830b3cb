package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
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
 * cycle.
 */
class Seed000FallbackToWaitTest {

    /** CPU0 and CPU1 each send the other a no-wait call with irqs disabled. */
    static ScheduleBody crossCallsWithIrqsOff(Variant variant, boolean irqsOff) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = new int[2];
            for (int me = 0; me < 2; me++) {
                int other = 1 - me;
                smp.onCpu(me, cpu -> {
                    if (irqsOff) {
                        cpu.localIrqDisable();
                    }
                    int err = ipi.callFunctionSingle(other, info -> runs[other]++, false);
                    if (irqsOff) {
                        cpu.localIrqEnable();
                    }
                    if (err != 0) {
                        throw new AssertionError("unexpected " + Errno.name(err));
                    }
                });
            }
            smp.afterAll(() -> {
                assertThat(runs).containsExactly(1, 1);
                assertThat(ipi.completedCalls()).isEqualTo(2);
            });
        };
    }

    @Test
    void theFallbackToWaitDeadlocksWhenBothAllocationsFailWithIrqsOff() throws Throwable {
        SearchResult result = search("seed000/fallback", 2, 1_000,
                crossCallsWithIrqsOff(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, true));

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
                crossCallsWithIrqsOff(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, false));

        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void aWaiterThatPollsItsOwnQueueNeverDeadlocks() throws Throwable {
        SearchResult result = search("seed000/pollOwnQueue", 2, 1_000,
                crossCallsWithIrqsOff(Variant.GENERIC_IPI_2008_POLL_OWN_QUEUE, true));

        assertThat(result.finding()).as(describe(result)).isNull();
        assertThat(result.schedules()).isEqualTo(1_000);
    }
}
