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
 * Catalogue C3 (ipi-spec §C): "MTRR no-wait becomes wait on low memory" (seed 001's thread; fixed by d7240b988017,
 * 2.6.29). The MTRR handler spins until its initiator reaches the next step, so the initiator must not wait; when
 * {@code kmalloc} failed, the 2.6.27 code silently waited anyway.
 */
class C03NoWaitBecomesWaitTest {

    /** CPU0 calls every other CPU without waiting; the handler spins until CPU0 has moved on (a rendezvous). */
    static ScheduleBody mtrrRendezvous(Variant variant) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            boolean[] initiatorMovedOn = {false};
            smp.onCpu(0, cpu -> {
                ipi.callFunction(info -> smp.awaitUntil("mtrr: initiator moved on", () -> initiatorMovedOn[0]),
                        null, false);
                initiatorMovedOn[0] = true;
            });
        };
    }

    @Test
    void aNoWaitCallThatFallsBackToWaitingDeadlocksWithItsHandler() throws Throwable {
        Finding f = expectViolation(exhaustive("C03/buggy", 2, 1_000,
                mtrrRendezvous(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT)), Violation.DEADLOCK);

        assertThat(f.outcome().message())
                .contains("CPU0 waits for csd_lock_wait stack csd #1 of CPU0 for CPU1")
                .contains("target is handling this request")
                .contains("CPU1 waits for mtrr: initiator moved on");
        assertThat(Searches.eventTexts(f)).contains("kmalloc(GFP_ATOMIC) fails = 1");
    }

    @Test
    void aNoWaitCallOnPerCpuDataNeverWaitsForThisCall() throws Throwable {
        expectExhaustedClean(exhaustive("C03/fixed", 2, 5_000, mtrrRendezvous(Variant.V6_17)));
    }
}
