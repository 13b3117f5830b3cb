package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C12 (ipi-spec §C): "hang in {@code _async}" (seed 002, Peter Xu; 5a18ceca6350, v5.7). Re-submitting a
 * still-locked csd WARNed and waited, with irqs off, for a target that could not make progress; since v5.7 it returns
 * {@code -EBUSY}.
 */
class C12AsyncWaitHangTest {

    @Test
    void waitingForALockedCsdWithIrqsOffHangs() throws Throwable {
        Finding f = expectViolation(exhaustive("C12/buggy", 2, 1_000,
                Seed002AsyncOnLockedCsdTest.resendWhileTargetHoldsIrqsOff(Variant.PRE_5_7_ASYNC_WARN_WAIT,
                        new Seed002AsyncOnLockedCsdTest.Seen[1])), Violation.DEADLOCK);

        assertThat(f.outcome().message()).contains("CPU0 waits for csd_lock_wait kick csd");
        assertThat(Searches.eventTexts(f)).anyMatch(t -> t.startsWith("WARN smp_call_function_single_async on CPU0"));
    }

    @Test
    void returningEbusyNeverHangs() throws Throwable {
        expectExhaustedClean(exhaustive("C12/fixed", 2, 5_000,
                Seed002AsyncOnLockedCsdTest.resendWhileTargetHoldsIrqsOff(Variant.V5_7_ASYNC_EBUSY,
                        new Seed002AsyncOnLockedCsdTest.Seen[1])));
    }
}
