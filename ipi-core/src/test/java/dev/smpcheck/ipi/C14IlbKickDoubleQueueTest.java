package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.Sched;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C14 (ipi-spec §C): "ILB kick double-queue" (19a1f5ec6999, v5.8; reported by Qian Cai). {@code kick_ilb}
 * guards {@code smp_call_function_single_async} with its own atomic flag, because the csd's test-and-set is not atomic;
 * but the flag was released before the csd was unlocked, so a second kicker could reach {@code _async} while the first
 * was still inside it. The fix releases the flag from the IPI callback, which runs after the unlock.
 *
 * <p>Two CPUs suffice: the two kickers are CPU0's task and the timer tick interrupting it (the tick calls
 * {@code kick_ilb} too); CPU1 is the idle load balancer.
 */
class C14IlbKickDoubleQueueTest {

    /**
     * @param releaseInCallback whether the guard is released by the csd's function (the fix) rather than by CPU1's own
     *     balancing path as soon as it notices the kick
     */
    static ScheduleBody kickIlb(boolean releaseInCallback) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            boolean[] kickPending = {false}; // nohz_flags(ilb_cpu) & NOHZ_KICK_MASK
            int[] runs = {0};
            int[] ebusy = {0};
            Csd nohzCsd = ipi.newCsd("nohz_csd", info -> {
                runs[0]++;
                if (releaseInCallback) {
                    Sched.point("atomic_andnot NOHZ_KICK_MASK in nohz_csd_func");
                    kickPending[0] = false;
                }
            });
            Runnable kick = () -> {
                Sched.point("atomic_fetch_or NOHZ_KICK_MASK");
                boolean wasPending = kickPending[0];
                kickPending[0] = true;
                if (!wasPending) {
                    int err = ipi.callFunctionSingleAsync(1, nohzCsd);
                    assertThat(err).isIn(0, -Errno.EBUSY);
                    ebusy[0] += err == 0 ? 0 : 1;
                }
            };
            IrqVector tick = smp.registerIrq("LOCAL_TIMER", cpu -> kick.run());
            smp.onCpu(0, cpu -> {
                tick.raise(cpu);
                kick.run();
            });
            if (!releaseInCallback) {
                smp.onCpu(1, cpu -> {
                    smp.awaitUntil("a kick is pending", () -> kickPending[0]);
                    Sched.point("atomic_andnot NOHZ_KICK_MASK in nohz_idle_balance");
                    kickPending[0] = false;
                });
            }
            smp.afterAll(() -> {
                assertThat(runs[0]).isBetween(1, 2);
                if (releaseInCallback) {
                    assertThat(ebusy[0]).as("the guard alone serialises the kickers").isZero();
                }
            });
        };
    }

    @Test
    void releasingTheGuardBeforeTheCsdIsUnlockedLetsTwoKickersQueueIt() throws Throwable {
        Finding f = expectViolation(exhaustive("C14/buggy", 2, 20_000, kickIlb(false)), Violation.LIST_CORRUPTION);

        assertThat(f.outcome().message()).startsWith("llist_add of nohz_csd to "
                + "call_single_queue[CPU1] by CPU0 (smp_call_function_single_async), but nohz_csd is still on "
                + "call_single_queue[CPU1], added there by CPU0 in irq (smp_call_function_single_async)");
    }

    @Test
    void releasingTheGuardInTheCallbackSerialisesTheKickers() throws Throwable {
        expectExhaustedClean(exhaustive("C14/fixed", 2, 20_000, kickIlb(true)));
    }
}
