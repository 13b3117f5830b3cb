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
 * Catalogue C22 (ipi-spec §C): "touching a csd after {@code llist_add}" (the v6.4 IPI-tracing series, Valentin
 * Schneider). A polling idle CPU flushes its queue without waiting for the IPI, so a queued csd can be run and unlocked
 * before its sender's next step; the sender must read what it traces before the add.
 */
class C22TraceAfterQueueTest {

    /** CPU1 polls its queue from its idle loop; CPU0 sends it an async csd. */
    static ScheduleBody pollingIdleTarget(Variant variant) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            boolean[] ran = {false};
            Csd csd = ipi.newCsd("kick csd", info -> ran[0] = true);
            smp.onCpu(1, cpu -> {
                // The idle loop: woken by the queued work (or the IPI got there first), then it flushes.
                smp.awaitUntil("idle: need_resched", () -> !ipi.callSingleQueue(1).isEmpty() || ran[0]);
                ipi.flushSmpCallFunctionQueue();
            });
            smp.onCpu(0, cpu -> assertThat(ipi.callFunctionSingleAsync(1, csd)).isZero());
        };
    }

    @Test
    void readingTheCsdAfterTheAddMeetsAnUnlockedCsd() throws Throwable {
        Finding f = expectViolation(exhaustive("C22/buggy", 2, 1_000,
                pollingIdleTarget(Variant.CSD_TRACE_AFTER_QUEUE)), Violation.USE_AFTER_FREE);

        assertThat(f.outcome().message()).isEqualTo("CPU0 in trace_csd_queue_cpu does 'read func' on "
                + "kick csd for generation 1 after csd_unlock handed it back to its owner");
    }

    @Test
    void readingTheCsdBeforeTheAddIsSafe() throws Throwable {
        expectExhaustedClean(exhaustive("C22/fixed", 2, 5_000, pollingIdleTarget(Variant.V6_17)));
    }
}
