package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C1 (ipi-spec §C): "fallback-to-wait deadlock", 2008 generic-ipi (3d4422332711, 2.6.27). Two CPUs send
 * each other a no-wait call with irqs off; both allocations fail, both fall back to waiting, neither takes the other's
 * IPI. The per-CPU {@code csd_data} of 2.6.29+ means a no-wait call never waits for itself.
 */
class C01FallbackToWaitTest {

    @Test
    void theOnStackFallbackWaitsWithIrqsOffAndBothCpusDeadlock() throws Throwable {
        Finding f = expectViolation(exhaustive("C01/buggy", 2, 50_000,
                Seed000FallbackToWaitTest.crossCalls(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, true, new int[1])),
                Violation.DEADLOCK);

        assertThat(f.outcome().message())
                .contains("CPU0 waits for csd_lock_wait stack csd")
                .contains("CPU1 waits for csd_lock_wait stack csd");
        assertThat(Searches.eventTexts(f)).filteredOn(t -> t.equals("kmalloc(GFP_ATOMIC) fails = 1")).hasSize(2);
    }

    @Test
    void perCpuCsdDataNeverWaitsForItsOwnCall() throws Throwable {
        expectExhaustedClean(exhaustive("C01/fixed", 2, 5_000,
                Seed000FallbackToWaitTest.crossCalls(Variant.V6_17, true, new int[1])));
    }
}
