package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed 004 (Peter Zijlstra, Aug 2020): {@code smp_call_function_single_async}'s test-and-set of {@code CSD_FLAG_LOCK}
 * is not atomic, so two CPUs using one csd at once can both queue it: "trivial list corruption" (C14). Claiming the
 * lock atomically (the unmerged patch 9) fixes it.
 */
class Seed004ConcurrentAsyncTest {

    /** CPU0 and CPU1 both send one csd to CPU2. */
    static ScheduleBody twoSendersOneCsd(Variant variant) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = {0};
            int[] accepted = {0};
            Csd csd = ipi.newCsd("kick csd", info -> runs[0]++);
            for (int sender = 0; sender < 2; sender++) {
                smp.onCpu(sender, cpu -> {
                    int err = ipi.callFunctionSingleAsync(2, csd);
                    assertThat(err).isIn(0, -Errno.EBUSY);
                    accepted[0] += err == 0 ? 1 : 0;
                });
            }
            smp.afterAll(() -> assertThat(runs[0]).as("one run per accepted call").isEqualTo(accepted[0]));
        };
    }

    /**
     * The default portfolio, as an {@code @SmpTest} user gets it. Its members reach the race in different orders: the
     * second add may find the csd still on CPU2's queue, or find that CPU2's flush already took it off. Both are the
     * same double enqueue of one lock generation and are reported as {@code LIST_CORRUPTION} naming both senders.
     */
    @ParameterizedTest
    @EnumSource(names = {"NONATOMIC_ASYNC", "V6_17"})
    void theNonAtomicClaimLetsBothSendersQueueTheCsd(Variant variant) throws Throwable {
        Finding f = expectViolation(search("seed004/" + variant, 3, 2_000, twoSendersOneCsd(variant)),
                Violation.LIST_CORRUPTION);

        assertThat(f.outcome().message())
                .matches("(?s)llist_add of kick csd to call_single_queue\\[CPU2] by CPU[01] "
                        + "\\(smp_call_function_single_async\\), but kick csd (is still on "
                        + "call_single_queue\\[CPU2], added there by|was already added to call_single_queue\\[CPU2] "
                        + "by) CPU[01] \\(smp_call_function_single_async\\).*");
    }

    @Test
    void theAtomicClaimNeverQueuesTheCsdTwice() throws Throwable {
        expectExhaustedClean(exhaustive("seed004/atomic", 3, 5_000, twoSendersOneCsd(Variant.ATOMIC_ASYNC)));
    }
}
