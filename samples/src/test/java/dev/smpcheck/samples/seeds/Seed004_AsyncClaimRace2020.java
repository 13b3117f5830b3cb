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
 * Seed 004: LKML, August 2020, Peter Zijlstra, "smp: irq_work / smp_call_function rework" (the v2 series; only its
 * cleanups reached mainline, in v5.11).
 *
 * smp_call_function_single_async claims its csd with a plain test of CSD_FLAG_LOCK followed by a plain store: a
 * non-atomic test-and-set. That is fine while callers serialize their use of a csd, which is what the kernel asks of
 * them. Two CPUs sending the same csd at once can both see it unlocked, both lock it and both llist_add its node to
 * the target's call_single_queue: the second add links a node that is already on the list, and the queue is
 * corrupted (catalogue C14 is a real instance, the nohz idle-load-balance kick). If the target's flush took the node
 * off between the two adds, the list survives for a moment, but the csd is queued while the flush unlocks it; the
 * model reports that double enqueue under one lock as LIST_CORRUPTION too. The series proposed claiming the
 * csd with an atomic operation; mainline's _async still does the plain test and store.
 *
 * Three CPUs: CPU0 and CPU1 send one csd to CPU2.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Seed004_AsyncClaimRace2020 -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: LIST_CORRUPTION naming both enqueuers of the node; with the atomic claim the bounded search is exhausted
 * with no violation (the loser gets -EBUSY).
 */
class Seed004_AsyncClaimRace2020 {

    @SmpTest(cpus = 3, expect = Violation.LIST_CORRUPTION)
    void nonAtomicClaimLetsTwoSendersQueueOneCsd(Smp smp) {
        twoSendersOneCsd(smp, Variant.NONATOMIC_ASYNC);
    }

    @SmpTest(cpus = 3, strategy = "dfs", preemptions = 2, schedules = 100_000, exhaustive = true)
    void atomicClaimGivesTheLoserEbusy(Smp smp) {
        twoSendersOneCsd(smp, Variant.ATOMIC_ASYNC);
    }

    private static void twoSendersOneCsd(Smp smp, Variant variant) {
        IpiSystem ipi = IpiSystem.boot(smp, variant);
        int[] runs = {0};
        int[] accepted = {0};
        Csd csd = ipi.newCsd("kick csd", info -> runs[0]++);
        for (int sender = 0; sender < 2; sender++) {
            smp.onCpu(sender, cpu -> {
                int err = ipi.callFunctionSingleAsync(2, csd);
                assertThat(err).as(Errno.name(err)).isIn(0, -Errno.EBUSY);
                accepted[0] += err == 0 ? 1 : 0;
            });
        }
        smp.afterAll(() -> assertThat(runs[0]).as("one run per accepted send").isEqualTo(accepted[0]));
    }
}
