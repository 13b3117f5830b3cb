package dev.smpcheck.samples.api;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;
import dev.smpcheck.schedule.SpinLock;

/*
 * Sample 02: a lock-order (AB/BA) deadlock. Changes one thing from sample 01: the bug is a hang, not a wrong value.
 *
 * CPU0 takes A then B; CPU1 takes B then A. If each takes its first lock before the other takes its second, both
 * spin forever. A blocked spin_lock is not a busy loop to the engine: the waiting CPU is simply not enabled until the
 * lock is free, so when nothing at all can run the engine reports DEADLOCK with who waits for what:
 *
 *   CPU0 waits for spin_lock B (held by CPU1)
 *   CPU1 waits for spin_lock A (held by CPU0)
 *
 * How to run:   mvn -pl samples -am test -Dtest=Api02_LockOrderDeadlock -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the default portfolio finds it in schedule 6 (one preemption suffices: right after CPU0 took A). Taking the locks in
 * the same order on both CPUs passes all 1,000 schedules.
 */
class Api02_LockOrderDeadlock {

    @SmpTest(expect = Violation.DEADLOCK)
    void brokenOppositeLockOrder(Smp smp) {
        SpinLock a = new SpinLock("A");
        SpinLock b = new SpinLock("B");
        smp.onCpu(0, cpu -> lockBoth(a, b));
        smp.onCpu(1, cpu -> lockBoth(b, a));
    }

    @SmpTest
    void sameLockOrderIsSafe(Smp smp) {
        SpinLock a = new SpinLock("A");
        SpinLock b = new SpinLock("B");
        smp.onCpu(0, cpu -> lockBoth(a, b));
        smp.onCpu(1, cpu -> lockBoth(a, b));
    }

    private static void lockBoth(SpinLock first, SpinLock second) {
        first.lock();
        second.lock();
        second.unlock();
        first.unlock();
    }
}
