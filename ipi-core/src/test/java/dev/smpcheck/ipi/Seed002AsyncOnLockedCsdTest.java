package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed 002 (Peter Xu, Dec 2019, merged as 5a18ceca6350 for v5.7): {@code smp_call_function_single_async} on a csd that
 * is still locked used to WARN and wait, which hangs when irqs are off and the target cannot make progress (C12); since
 * v5.7 it returns {@code -EBUSY}, and the pending run still happens after the call returned.
 */
class Seed002AsyncOnLockedCsdTest {

    /** Everything one schedule observed. */
    static final class Seen {
        int runs;
        int runsAfterEbusy;
        boolean ebusyReturned;
        int first = Integer.MIN_VALUE;
        int second = Integer.MIN_VALUE;
    }

    /**
     * CPU1 waits with irqs off until CPU0 is done (a rendezvous, as in MTRR or stop_machine). CPU0, also with irqs off,
     * sends the same csd to CPU1 twice, then releases CPU1.
     */
    static ScheduleBody resendWhileTargetHoldsIrqsOff(Variant variant, Seen[] box) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            Seen seen = new Seen();
            box[0] = seen;
            boolean[] released = {false};
            Csd csd = ipi.newCsd("kick csd", info -> {
                seen.runs++;
                if (seen.ebusyReturned) {
                    seen.runsAfterEbusy++;
                }
            });
            smp.onCpu(1, cpu -> {
                cpu.localIrqDisable();
                smp.awaitUntil("CPU0 done", () -> released[0]);
                cpu.localIrqEnable();
            });
            smp.onCpu(0, cpu -> {
                cpu.localIrqDisable();
                seen.first = ipi.callFunctionSingleAsync(1, csd);
                seen.second = ipi.callFunctionSingleAsync(1, csd);
                // No schedule point between the flags check in _async and this store: the run cannot start in between.
                seen.ebusyReturned = seen.second == -Errno.EBUSY;
                released[0] = true;
                cpu.localIrqEnable();
            });
            smp.afterAll(() -> {
                assertThat(seen.first).isZero();
                assertThat(seen.second).isIn(0, -Errno.EBUSY);
                if (seen.ebusyReturned) {
                    assertThat(seen.runs).as("-EBUSY means the one pending run covers both calls").isEqualTo(1);
                    assertThat(seen.runsAfterEbusy).as("the pending run happens after -EBUSY returned").isEqualTo(1);
                } else {
                    assertThat(seen.runs).isEqualTo(2);
                }
            });
        };
    }

    @ParameterizedTest
    @EnumSource(names = "PRE_5_7_ASYNC_WARN_WAIT")
    void beforeV57ResendingALockedCsdWithIrqsOffHangs(Variant variant) throws Throwable {
        SearchResult result = search("seed002/" + variant, 2, 1_000, resendWhileTargetHoldsIrqsOff(variant,
                new Seen[1]));

        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).as(f.report()).isEqualTo(Violation.DEADLOCK);
        assertThat(f.reproduced()).as("the replay ends the same way").isTrue();
        assertThat(f.outcome().message())
                .contains("CPU0 waits for csd_lock_wait kick csd")
                .contains("waiting for CPU#1 kick csd; target is unresponsive (irqs disabled)")
                .contains("CPU1 waits for CPU0 done");
        assertThat(Searches.eventTexts(f))
                .contains("WARN smp_call_function_single_async on CPU0 with locked kick csd, irqs disabled; waiting");
    }

    @ParameterizedTest
    @EnumSource(names = {"V5_7_ASYNC_EBUSY", "V6_17"})
    void sinceV57ALockedCsdGivesEbusyAndItsPendingRunStillHappens(Variant variant) throws Throwable {
        Seen[] box = new Seen[1];
        int[] ebusy = {0};
        SearchResult result = search("seed002/" + variant, 2, 1_000, smp -> {
            resendWhileTargetHoldsIrqsOff(variant, box).run(smp);
            smp.afterAll(() -> ebusy[0] += box[0].ebusyReturned ? 1 : 0);
        });

        assertThat(result.finding()).as(describe(result)).isNull();
        assertThat(ebusy[0]).as("schedules where the second call met the locked csd").isPositive();
    }
}
