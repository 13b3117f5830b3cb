package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
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

    @ParameterizedTest
    @EnumSource(names = {"NONATOMIC_ASYNC", "V6_17"})
    void theNonAtomicClaimLetsBothSendersQueueTheCsd(Variant variant) throws Throwable {
        // Bounded DFS reaches the double llist_add first. A random search may instead first hit the other face of the
        // same race: a sender enqueues the csd after the flush already handed that generation back (USE_AFTER_FREE).
        SearchResult result = Searches.exhaustive("seed004/" + variant, 3, 5_000, twoSendersOneCsd(variant));

        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).as(f.report()).isEqualTo(Violation.LIST_CORRUPTION);
        assertThat(f.reproduced()).as("the replay ends the same way").isTrue();
        assertThat(f.outcome().message())
                .matches("(?s)LIST_CORRUPTION: llist_add of kick csd to call_single_queue\\[CPU2] by CPU[01] "
                        + "\\(smp_call_function_single_async\\), but kick csd is still on call_single_queue\\[CPU2], "
                        + "added there by CPU[01] \\(smp_call_function_single_async\\).*");
    }

    @Test
    void theAtomicClaimNeverQueuesTheCsdTwice() throws Throwable {
        SearchResult result = search("seed004/atomic", 3, 2_000, twoSendersOneCsd(Variant.ATOMIC_ASYNC));

        assertThat(result.finding()).as(describe(result)).isNull();
        assertThat(result.schedules()).isEqualTo(2_000);
    }
}
