package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C20 (ipi-spec §C): "irq_work freed inside its own callback" (2cf654db8d7e era, i915). After the function
 * returns, {@code irq_work_single} still clears {@code BUSY} in the work, so the function must not free it; free it
 * after {@code irq_work_sync} instead.
 */
class C20IrqWorkFreedInItsCallbackTest {

    @Test
    void freeingTheWorkInItsFunctionIsAUseAfterFree() throws Throwable {
        Finding f = expectViolation(exhaustive("C20/buggy", 2, 1_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            IrqWork work = ipi.newIrqWork("one-shot work", IrqWork::free);
            smp.onCpu(0, cpu -> ipi.irqWorkQueueOn(work, 1));
        }), Violation.USE_AFTER_FREE);

        assertThat(f.outcome().message()).isEqualTo("irq_work_single on CPU1 does 'clear BUSY "
                + "(cmpxchg)' on one-shot work after it was freed (kfree)");
    }

    @Test
    void freeingTheWorkAfterIrqWorkSyncIsSafe() throws Throwable {
        boolean[] freedOnce = {false};
        expectExhaustedClean(exhaustive("C20/fixed", 2, 5_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            IrqWork work = ipi.newIrqWork("one-shot work", w -> { });
            smp.onCpu(0, cpu -> {
                ipi.irqWorkQueueOn(work, 1);
                ipi.irqWorkSync(work);
                work.free();
            });
            smp.afterAll(() -> freedOnce[0] |= work.isGone());
        }));
        assertThat(freedOnce[0]).isTrue();
    }
}
