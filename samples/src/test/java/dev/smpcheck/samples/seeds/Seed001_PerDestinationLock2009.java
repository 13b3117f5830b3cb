package dev.smpcheck.samples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.Errno;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;
import org.junit.jupiter.api.Tag;

/*
 * Seed 001: LKML, January 2009, "Buggy IPI and MTRR code on low memory" (Steven Rostedt, Andrew Morton).
 *
 * The 2008 code silently turned a no-wait call into a waiting one when kmalloc failed, which deadlocks MTRR's
 * rendezvous. The proposal: one csd per destination CPU, locked by the sender and unlocked by the destination's IPI
 * handler, so a no-wait call never has to wait for its own function. Andrew: "I have a suspicion that this is AB/BA
 * deadlockable." It is, when the senders keep irqs disabled: each CPU's second call spins on the per-destination lock
 * that only the other CPU's handler would release, and neither takes the IPI. What was merged (d7240b988017, 2.6.29)
 * is Steven's variant: a per-CPU csd of the *sending* CPU, still unlocked by the handler. It has the same cycle with
 * irqs off, which is why callers of no-wait cross-calls must keep irqs enabled, as they must today.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Seed001_PerDestinationLock2009 -Dsurefire.failIfNoSpecifiedTests=false
 *               (add -Dsmpcheck.slow for the search within two preemptions)
 *
 * Observed: DEADLOCK with no preemption at all, "CPU0 waits for csd_lock_wait call_single_data[CPU1] (per
 * destination)" and "target is unresponsive (irqs disabled)". With irqs enabled the spinning sender takes the IPI
 * that releases the other CPU's lock, and the bounded search is exhausted with no violation: all 15,632 schedules with
 * at most one preemption (4 s), and all 176,532 with at most two (about 45 s on a 2-core machine, so that run is
 * tagged slow). The space is large for four calls because an IPI may reach the CPU that is not running at any of the
 * running CPU's steps, and such a delivery costs no preemption: the two CPUs run in parallel.
 */
class Seed001_PerDestinationLock2009 {

    @SmpTest(expect = Violation.DEADLOCK)
    void twoCallsEachWayWithIrqsOffDeadlock(Smp smp) {
        twoCallsEachWay(smp, true);
    }

    /** The size CI runs on every build; the deadlock above needs no preemption, so one is already a margin. */
    @SmpTest(strategy = "dfs", preemptions = 1, schedules = 100_000, exhaustive = true)
    void twoCallsEachWayWithIrqsOnCompleteWithinOnePreemption(Smp smp) {
        twoCallsEachWay(smp, false);
    }

    /** The bound of the other seeds' fixed designs. */
    @Tag("slow")
    @SmpTest(strategy = "dfs", preemptions = 2, schedules = 200_000, exhaustive = true)
    void twoCallsEachWayWithIrqsOnCompleteWithinTwoPreemptions(Smp smp) {
        twoCallsEachWay(smp, false);
    }

    /** CPU0 and CPU1 each send the other two no-wait calls; all four must run. */
    private static void twoCallsEachWay(Smp smp, boolean irqsOff) {
        IpiSystem ipi = IpiSystem.boot(smp, Variant.PER_DESTINATION_LOCK_2009);
        int[] runs = new int[2];
        for (int me = 0; me < 2; me++) {
            int other = 1 - me;
            smp.onCpu(me, cpu -> {
                if (irqsOff) {
                    cpu.localIrqDisable();
                }
                for (int i = 0; i < 2; i++) {
                    int err = ipi.callFunctionSingle(other, info -> runs[other]++, false);
                    assertThat(err).as(Errno.name(err)).isZero();
                }
                if (irqsOff) {
                    cpu.localIrqEnable();
                }
            });
        }
        smp.afterAll(() -> assertThat(runs).containsExactly(2, 2));
    }
}
