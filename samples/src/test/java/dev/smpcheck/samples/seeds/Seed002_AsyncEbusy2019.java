package dev.smpcheck.samples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.Csd;
import dev.smpcheck.ipi.Errno;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;

/*
 * Seed 002: LKML, December 2019, Peter Xu, "smp: Allow smp_call_function_single_async() to insert locked csd"
 * (merged as 5a18ceca6350, v5.7).
 *
 * smp_call_function_single_async(cpu, csd) sends a caller-owned csd without waiting. Before v5.7, sending a csd that
 * was still locked (its previous run not finished) printed a WARN and then waited in csd_lock_wait for the previous
 * run. With irqs off, and with the target in a rendezvous that waits for the sender (MTRR and stop_machine do this),
 * the previous run can never happen: a hang. Since v5.7 the call returns -EBUSY instead, and the run that is already
 * queued still happens after the call has returned, so nothing is lost. The fix relies on async csds being unlocked
 * before their func runs (8053871d0f7f, v4.0).
 *
 * How to run:   mvn -pl samples -am test -Dtest=Seed002_AsyncEbusy2019 -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: DEADLOCK before v5.7 ("CPU0 waits for csd_lock_wait kick csd ... target is unresponsive (irqs disabled)"
 * and "CPU1 waits for CPU0 done"), after the WARN. With -EBUSY the bounded search is exhausted with no violation.
 */
class Seed002_AsyncEbusy2019 {

    @SmpTest(expect = Violation.DEADLOCK)
    void before57ResendingALockedCsdHangs(Smp smp) {
        resendWhileTargetWaitsWithIrqsOff(smp, Variant.PRE_5_7_ASYNC_WARN_WAIT);
    }

    @SmpTest(strategy = "dfs", preemptions = 2, schedules = 100_000, exhaustive = true)
    void since57TheSecondSendReturnsEbusyAndNothingIsLost(Smp smp) {
        resendWhileTargetWaitsWithIrqsOff(smp, Variant.V5_7_ASYNC_EBUSY);
    }

    /**
     * CPU1 waits with irqs off until CPU0 is done (a rendezvous). CPU0, also with irqs off, sends the same csd to CPU1
     * twice and then releases CPU1. Every accepted send must be followed by exactly one run of the csd's func, and a
     * send answered with -EBUSY must be covered by the run that was already pending.
     */
    private static void resendWhileTargetWaitsWithIrqsOff(Smp smp, Variant variant) {
        IpiSystem ipi = IpiSystem.boot(smp, variant);
        int[] runs = {0};
        int[] runsAfterEbusy = {0};
        boolean[] ebusy = {false};
        boolean[] released = {false};
        int[] accepted = {0};
        Csd csd = ipi.newCsd("kick csd", info -> {
            runs[0]++;
            if (ebusy[0]) {
                runsAfterEbusy[0]++;
            }
        });
        smp.onCpu(1, cpu -> {
            cpu.localIrqDisable();
            smp.awaitUntil("CPU0 done", () -> released[0]);
            cpu.localIrqEnable();
        });
        smp.onCpu(0, cpu -> {
            cpu.localIrqDisable();
            for (int i = 0; i < 2; i++) {
                int err = ipi.callFunctionSingleAsync(1, csd);
                assertThat(err).as(Errno.name(err)).isIn(0, -Errno.EBUSY);
                accepted[0] += err == 0 ? 1 : 0;
                ebusy[0] |= err == -Errno.EBUSY;
            }
            released[0] = true;
            cpu.localIrqEnable();
        });
        smp.afterAll(() -> {
            assertThat(runs[0]).as("one run per accepted send").isEqualTo(accepted[0]);
            if (ebusy[0]) {
                assertThat(runsAfterEbusy[0]).as("the pending run happens after -EBUSY was returned").isEqualTo(1);
            }
        });
    }
}
