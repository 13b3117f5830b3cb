package dev.smpcheck.samples.api;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Smp;

/*
 * Sample 04: nondeterminism that is not a thread switch -- an allocation that may fail.
 *
 * smp.chooseBoolean("kmalloc fails") is a data choice: the search explores both outcomes and the replay token records
 * which one was taken, exactly like a thread choice. Outside a controlled execution it returns false, the usual case.
 * Seed 000's deadlock starts from such a failure (a no-wait call whose kmalloc fails falls back to waiting).
 *
 * How to run:   mvn -pl samples -am test -Dtest=Api04_DataChoice -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the unchecked failure is found in schedule 3, the first that chooses "fails"; handling both outcomes
 * passes all 1,000 schedules.
 */
class Api04_DataChoice {

    @SmpTest(expect = Violation.UNCAUGHT_EXCEPTION)
    void brokenIgnoresAllocationFailure(Smp smp) {
        smp.onCpu(0, cpu -> {
            Object buffer = smp.chooseBoolean("kmalloc fails") ? null : new Object();
            buffer.hashCode();
        });
    }

    @SmpTest
    void handlesAllocationFailure(Smp smp) {
        int[] fallbacks = new int[1];
        smp.onCpu(0, cpu -> {
            Object buffer = smp.chooseBoolean("kmalloc fails") ? null : new Object();
            if (buffer == null) {
                fallbacks[0]++;
            }
        });
    }
}
