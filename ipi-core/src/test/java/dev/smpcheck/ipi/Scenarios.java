package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Building blocks the seed and catalogue tests share. */
final class Scenarios {
    private Scenarios() {}

    /** What one CPU does to the other. */
    @FunctionalInterface
    interface TowardOther {
        void run(Cpu me, int other) throws Exception;
    }

    /**
     * Puts a task on CPU0 and on CPU1 that runs {@code body} toward the other CPU, with irqs disabled around it if
     * asked: the shape of seeds 000 and 001, two CPUs calling each other.
     */
    static void eachCallsTheOther(Smp smp, boolean irqsOff, TowardOther body) {
        for (int me = 0; me < 2; me++) {
            int other = 1 - me;
            smp.onCpu(me, cpu -> {
                if (irqsOff) {
                    cpu.localIrqDisable();
                }
                body.run(cpu, other);
                if (irqsOff) {
                    cpu.localIrqEnable();
                }
            });
        }
    }

    /**
     * Puts a task on {@code cpu} that disables irqs, waits until {@code entries} entries sit on its
     * {@code call_single_queue}, runs {@code whenFull}, and enables irqs again: a CPU busy with irqs off, so that IPIs to
     * it wait and one flush finds every entry.
     *
     * @return a condition that holds once the CPU has irqs off; senders wait for it before they send
     */
    static BooleanSupplier busyWithIrqsOffUntilQueued(Smp smp, IpiSystem ipi, int cpu, int entries,
            Runnable whenFull) {
        boolean[] held = {false};
        smp.onCpu(cpu, me -> {
            me.localIrqDisable();
            held[0] = true;
            smp.awaitUntil(entries + " entries queued", () -> ipi.callSingleQueue(cpu).size() == entries);
            whenFull.run();
            me.localIrqEnable();
        });
        return () -> held[0];
    }

    /** Records where a cross-call's function (or an irq_work's) ran, and in what context. */
    static final class Runs {
        final List<Integer> cpus = new ArrayList<>();
        boolean irqsAlwaysOff = true;
        boolean alwaysInIrq = true;

        SmpCallFunc func() {
            return info -> record();
        }

        IrqWorkFunc work() {
            return w -> record();
        }

        private void record() {
            Cpu cpu = Sched.currentCpu();
            cpus.add(cpu.id());
            irqsAlwaysOff &= cpu.irqsDisabled();
            alwaysInIrq &= cpu.inInterrupt();
        }
    }
}
