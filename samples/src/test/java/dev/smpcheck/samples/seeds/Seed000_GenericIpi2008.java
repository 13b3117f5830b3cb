package dev.smpcheck.samples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.Errno;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;

/*
 * Seed 000: LKML, April-May 2008, the generic-ipi thread (Jens Axboe, Nick Piggin, Paul E. McKenney).
 *
 * The first generic smp_call_function_single allocated its csd with kmalloc(GFP_ATOMIC). When the allocation failed,
 * a no-wait call fell back to a csd on the caller's stack, and a stack csd forces the caller to wait for the handler.
 * Jens: "We cannot always fallback to wait... two CPUs each waiting for each others IPI ack." With irqs off, neither
 * CPU takes the other's IPI, so both spin in csd_lock_wait for ever. One idea on the thread's list was "a waiting CPU
 * polls its own queue"; it breaks the cycle but was never merged (the 2.6.27 code got rid of the fallback instead).
 *
 * The model: IpiSystem.boot(smp, variant) gives each schedule a fresh cross-call subsystem. The allocation is a data
 * choice ("kmalloc(GFP_ATOMIC) fails"), so the search explores both outcomes on both CPUs.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Seed000_GenericIpi2008 -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: DEADLOCK, reported like CONFIG_CSD_LOCK_WAIT_DEBUG ("non-responsive CSD lock on CPU#0, waiting for CPU#1
 * ...; target is unresponsive (irqs disabled)"), with the WARN "smp_call_function_single on CPU0 with irqs disabled".
 * With the poll-own-queue waiter the bounded search is exhausted with no violation.
 */
class Seed000_GenericIpi2008 {

    @SmpTest(expect = Violation.DEADLOCK)
    void fallbackToWaitDeadlocksWithIrqsOff(Smp smp) {
        crossCallsWithIrqsOff(smp, Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT);
    }

    @SmpTest(strategy = "dfs", preemptions = 2, schedules = 100_000, exhaustive = true)
    void waiterPollingItsOwnQueueNeverDeadlocks(Smp smp) {
        crossCallsWithIrqsOff(smp, Variant.GENERIC_IPI_2008_POLL_OWN_QUEUE);
    }

    /** CPU0 and CPU1 each send the other a no-wait call with irqs disabled; each call must run once. */
    private static void crossCallsWithIrqsOff(Smp smp, Variant variant) {
        IpiSystem ipi = IpiSystem.boot(smp, variant);
        int[] runs = new int[2];
        for (int me = 0; me < 2; me++) {
            int other = 1 - me;
            smp.onCpu(me, cpu -> {
                cpu.localIrqDisable();
                int err = ipi.callFunctionSingle(other, info -> runs[other]++, false);
                cpu.localIrqEnable();
                assertThat(err).as(Errno.name(err)).isZero();
            });
        }
        smp.afterAll(() -> assertThat(runs).containsExactly(1, 1));
    }
}
