package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.Sched;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Catalogue C11 (ipi-spec §C): "{@code _async} locking", fixed by 8053871d0f7f for v4.0. While the flush unlocked
 * every csd after its function, an async function could not re-queue its own csd: it spun in {@code csd_lock} inside
 * its own IPI handler, silently, since the WARN on a locked csd in {@code _async} arrived with the same fix.
 */
class C11AsyncRequeueTest {

    /** CPU0 sends a csd to CPU1 whose function sends the same csd on to CPU0, once. */
    static ScheduleBody requeueFromItsOwnFunction(Variant variant) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = new int[2];
            Csd[] box = new Csd[1];
            box[0] = ipi.newCsd("ping-pong csd", info -> {
                int here = Sched.currentCpu().id();
                if (runs[here]++ == 0 && here == 1) {
                    assertThat(ipi.callFunctionSingleAsync(0, box[0])).isZero();
                }
            });
            smp.onCpu(0, cpu -> assertThat(ipi.callFunctionSingleAsync(1, box[0])).isZero());
            smp.afterAll(() -> assertThat(runs).containsExactly(1, 1));
        };
    }

    @Test
    void unlockingAfterTheFunctionMakesTheRequeueWaitForItself() throws Throwable {
        Finding f = expectViolation(exhaustive("C11/buggy", 2, 1_000,
                requeueFromItsOwnFunction(Variant.PRE_4_0_UNLOCK_AFTER_FUNC)), Violation.DEADLOCK);

        assertThat(f.outcome().message())
                .contains("CPU1 waits for csd_lock_wait ping-pong csd")
                .contains("non-responsive CSD lock on CPU#1, waiting for CPU#1 ping-pong csd; target is handling "
                        + "this request");
        assertThat(Searches.eventTexts(f)).as("that kernel had no WARN on this path")
                .noneMatch(t -> t.startsWith("WARN"));
    }

    @ParameterizedTest
    @EnumSource(names = {"V6_17", "PRE_5_7_ASYNC_WARN_WAIT"})
    void unlockingBeforeTheFunctionLetsItRequeueItsCsd(Variant variant) throws Throwable {
        expectExhaustedClean(exhaustive("C11/fixed/" + variant, 2, 5_000, requeueFromItsOwnFunction(variant)));
    }
}
