package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;

/**
 * {@code kernel/irq_work.c} (v6.17, non-RT, an arch with an irq_work interrupt): claim, queue locally or on another
 * CPU, run, and sync. Lazy works and the PREEMPT_RT paths are not modelled.
 *
 * <h2>Ordering</h2>
 * The claim is an {@code atomic_fetch_or}, fully ordered even when it finds {@code PENDING} already set; the runner
 * clears {@code PENDING} and then issues {@code smp_mb()}. The pair guarantees that a claimer that finds the work
 * pending wrote its data before the runner's function reads it (25269871db1a, C13). The model is sequentially
 * consistent, so the pair is written out for a future relaxed-memory mode.
 */
final class IrqWorks {

    /** The name of the self-IPI that runs the {@code raised_list}, after x86's {@code IRQ_WORK_VECTOR}. */
    static final String IRQ_WORK = "IRQ_WORK";

    private final IpiSystem system;
    private final LlistHead[] raised;
    private final IrqVector vector;

    IrqWorks(IpiSystem system, Smp smp) {
        this.system = system;
        this.raised = new LlistHead[system.nrCpus()];
        for (int cpu = 0; cpu < raised.length; cpu++) {
            raised[cpu] = new LlistHead("raised_list[CPU" + cpu + "]", LlistHead.EnqueueHook.NONE);
        }
        this.vector = smp.registerIrq(IRQ_WORK, this::run);
    }

    LlistHead raisedList(int cpu) {
        return raised[cpu];
    }

    /**
     * {@code irq_work_claim(work)}: one {@code atomic_fetch_or} of {@code PENDING | BUSY | CSD_TYPE_IRQ_WORK}. Fails
     * when the work was pending already; the request is then coalesced into that pending run.
     */
    private boolean claim(Cpu me, IrqWork work, String via) {
        Sched.point("irq_work_claim", work);
        work.checkAlive("irq_work_claim", "CPU" + me.id() + " in " + via);
        long time = system.requests().tick();
        boolean claimed = work.claimFlags();
        // The promise is recorded at the claim: a successful claim always queues (irq_work has no failure path).
        system.requests().promised(work, time, !claimed, "CPU" + me.id() + " in " + via);
        return claimed;
    }

    /** {@code irq_work_queue(work)}: claim, then queue on this CPU. */
    boolean queue(IrqWork work) {
        Cpu me = system.thisCpu("irq_work_queue");
        if (!claim(me, work, "irq_work_queue")) {
            return false;
        }
        system.getCpu(me);
        try {
            queueLocal(me, work);
        } finally {
            system.putCpu(me);
        }
        return true;
    }

    /**
     * {@code irq_work_queue_on(work, cpu)}: WARN if {@code cpu} is offline ("all work should have been flushed before
     * going offline"), claim, then queue on {@code cpu}: on its {@code call_single_queue} if it is another CPU, which
     * sends {@code CALL_FUNCTION_SINGLE} if the queue was empty.
     */
    boolean queueOn(IrqWork work, int cpu) {
        Cpu me = system.thisCpu("irq_work_queue_on");
        if (cpu < 0 || cpu >= system.nrCpus()) {
            throw new IllegalArgumentException("irq_work_queue_on to CPU" + cpu + ": CPUs are 0.."
                    + (system.nrCpus() - 1));
        }
        if (!system.cpuOnline(cpu)) {
            system.warnOnce("irq_work:offline", "irq_work_queue_on " + work + " to offline CPU" + cpu);
        }
        if (!claim(me, work, "irq_work_queue_on")) {
            return false;
        }
        system.getCpu(me);
        try {
            if (cpu != me.id()) {
                system.smpCallSingleQueue(cpu, work, "irq_work_queue_on");
            } else {
                queueLocal(me, work);
            }
        } finally {
            system.putCpu(me);
        }
        return true;
    }

    /** {@code __irq_work_queue_local}: add to this CPU's {@code raised_list}; raise the self-IPI if it was empty. */
    private void queueLocal(Cpu me, IrqWork work) {
        if (raised[me.id()].add(work, "irq_work_queue")) {
            // arch_irq_work_raise(): a self-IPI, delivered once this CPU has irqs enabled.
            vector.raise(me);
        }
    }

    /**
     * {@code irq_work_run()} from the {@code IRQ_WORK} interrupt (or the dying-CPU step): runs this CPU's
     * {@code raised_list}, newest first (no reversal, unlike the csd flush). Irqs must be disabled.
     */
    void run(Cpu cpu) {
        if (!cpu.irqsDisabled()) {
            throw new IllegalStateException("irq_work_run on CPU" + cpu.id() + " with irqs enabled; this is a bug "
                    + "in the model");
        }
        if (system.cpuState(cpu.id()) == CpuState.OFFLINE) {
            return; // a dead CPU takes no interrupts
        }
        for (CallSingleNode n = raised[cpu.id()].delAll(); n != null; ) {
            CallSingleNode next = n.next;
            n.unlinked();
            single(cpu, (IrqWork) n);
            n = next;
        }
    }

    /**
     * {@code irq_work_single(work)}: clear {@code PENDING}, {@code smp_mb()}, run the function, then clear {@code BUSY}
     * unless the work was claimed again meanwhile (see {@link IrqWork#clearPending} and {@link IrqWork#clearBusy}).
     * That last write is why the function must not free its work (C20).
     */
    void single(Cpu cpu, IrqWork work) {
        String runner = "irq_work_single on CPU" + cpu.id();
        Sched.point("irq_work_single: clear PENDING", work);
        work.checkAlive("clear PENDING", runner);
        int flags = work.clearPending();
        system.requests().runStarted(work);
        work.func().run(work);
        Sched.point("irq_work_single: clear BUSY", work);
        work.checkAlive("clear BUSY (cmpxchg)", runner);
        work.clearBusy(flags);
    }

    /**
     * {@code irq_work_sync(work)}: with irqs enabled (lockdep), busy-wait while the work is {@code BUSY}. A work that is
     * only pending, not yet started, is waited for too, since a claim sets both bits.
     */
    void sync(IrqWork work) {
        Cpu me = system.thisCpu("irq_work_sync");
        if (me.irqsDisabled()) {
            system.warnOnce("irq_work_sync:irqs_disabled", "irq_work_sync on CPU" + me.id()
                    + " with irqs disabled (lockdep_assert_irqs_enabled)");
        }
        Sched.awaitUntil("irq_work_sync", work, () -> (work.readFlagsAtomic() & IrqWork.IRQ_WORK_BUSY) == 0,
                () -> work + " is still busy");
    }
}
