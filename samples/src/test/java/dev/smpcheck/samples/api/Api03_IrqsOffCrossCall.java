package dev.smpcheck.samples.api;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Smp;

/*
 * Sample 03: two CPUs wait for each other's IPI with irqs disabled -- seed 000 (LKML, 2008 generic-ipi) in miniature.
 *
 * Each CPU sends the other a cross-call IPI and spins until the other's handler has acknowledged it. An interrupt is
 * delivered only to a CPU with irqs enabled, so if both CPUs disable irqs before either IPI is delivered, neither
 * handler can ever run: "two CPUs each waiting for each other's IPI ack" (Jens Axboe). The kernel's answer is the
 * rule that a waiting cross-call must not be made with irqs disabled (WARN_ON in smp_call_function_single).
 *
 * New here: simulated CPUs have interrupt state; smp.registerIrq gives a vector whose raise() makes it pending on a
 * CPU; delivering a pending interrupt is a choice of the search, possible only while that CPU has irqs enabled, and
 * the handler runs nested on it. smp.awaitUntil is the kernel's spin-wait: a waiting CPU with irqs enabled still
 * takes interrupts.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Api03_IrqsOffCrossCall -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: DEADLOCK in schedule 0, the report saying both CPUs wait with irqs disabled and each has call_function
 * pending. Spinning with irqs enabled passes all 1,000 schedules.
 */
class Api03_IrqsOffCrossCall {

    @SmpTest(expect = Violation.DEADLOCK)
    void brokenWaitWithIrqsDisabled(Smp smp) {
        crossCall(smp, true);
    }

    @SmpTest
    void waitWithIrqsEnabledCompletes(Smp smp) {
        crossCall(smp, false);
    }

    private static void crossCall(Smp smp, boolean irqsOff) {
        boolean[] acked = new boolean[2];
        IrqVector ipi = smp.registerIrq("call_function", cpu -> acked[cpu.id()] = true);
        for (int me = 0; me < 2; me++) {
            int other = 1 - me;
            smp.onCpu(me, cpu -> callAndWait(smp, cpu, ipi, other, acked, irqsOff));
        }
    }

    private static void callAndWait(Smp smp, Cpu cpu, IrqVector ipi, int target, boolean[] acked, boolean irqsOff) {
        boolean flags = irqsOff ? cpu.localIrqSave() : false;
        ipi.raise(smp.cpu(target));
        smp.awaitUntil("IPI ack from CPU" + target, () -> acked[target]);
        if (irqsOff) {
            cpu.localIrqRestore(flags);
        }
    }
}
