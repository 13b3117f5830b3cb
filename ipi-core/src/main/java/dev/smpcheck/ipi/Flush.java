package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The receive side of {@code kernel/smp.c} (v6.17): {@code __flush_smp_call_function_queue()} and its entry points.
 *
 * <h2>Algorithm</h2>
 * With irqs disabled: take the whole queue with {@code llist_del_all} and reverse it to FIFO order. Work enqueued
 * after that point lands on an empty queue, so its enqueuer sends a new IPI and nothing is lost. Then
 * <ol>
 *   <li>first, SYNC csds (someone is waiting for them): unlink, run the function, then {@code csd_unlock};</li>
 *   <li>second, everything else; an ASYNC csd is unlinked, its func and info read, then it is unlocked <em>before</em>
 *       its function runs, so the function may re-queue the same csd.</li>
 * </ol>
 * irq_works queued from other CPUs ({@code CSD_TYPE_IRQ_WORK}) run in the second pass with {@code irq_work_single};
 * task wake-up entries are not modelled. Every entry is unlinked before its function runs, and after
 * {@code csd_unlock} the flush never touches that csd again. SYNC entries therefore run before ASYNC entries queued
 * earlier: order is kept only within a type. {@link Variant#PRE_4_0_UNLOCK_AFTER_FUNC} unlocks ASYNC csds after their
 * function too.
 *
 * <h2>Entry points</h2>
 * The {@code CALL_FUNCTION_SINGLE} and {@code CALL_FUNCTION} IPIs ({@link #fromInterrupt}), the idle loop and the
 * stopper ({@link #fromTask}), and the hotplug DYING step ({@link #flush} without the offline warning).
 */
final class Flush {
    private final IpiSystem system;
    /** {@code cur_csd} of the CSD lock debug code: the csd whose function each CPU runs now, or null. */
    private final Csd[] currentCsd;
    /** Ghost: whether each CPU is inside {@code __flush_smp_call_function_queue} now. */
    private final boolean[] flushing;

    Flush(IpiSystem system) {
        this.system = system;
        this.currentCsd = new Csd[system.nrCpus()];
        this.flushing = new boolean[system.nrCpus()];
    }

    /** @return the csd whose function {@code cpu} runs now, or {@code null} */
    Csd currentCsd(int cpu) {
        return currentCsd[cpu];
    }

    /** @return whether {@code cpu} is flushing its queue now (ghost) */
    boolean isFlushing(int cpu) {
        return flushing[cpu];
    }

    /**
     * {@code generic_smp_call_function_single_interrupt()}: the {@code CALL_FUNCTION_SINGLE} IPI handler, which runs
     * with irqs disabled.
     */
    void fromInterrupt(Cpu cpu) {
        if (system.cpuState(cpu.id()) == CpuState.OFFLINE) {
            return; // a dead CPU takes no interrupts: the IPI is lost, the entries stay queued
        }
        flush(cpu, true);
    }

    /**
     * {@code flush_smp_call_function_queue()}: the task-context flush of the idle loop and the stopper. Returns at once
     * if the queue is empty; otherwise flushes with irqs saved and disabled.
     */
    void fromTask(Cpu cpu) {
        if (system.callSingleQueue(cpu.id()).isEmpty()) {
            return;
        }
        boolean wasDisabled = cpu.localIrqSave();
        flush(cpu, true);
        cpu.localIrqRestore(wasDisabled);
    }

    /** Seed 000 idea #5: a CPU waiting in {@code csd_lock_wait} flushes its own queue. */
    void pollOwnQueue(Cpu cpu) {
        fromTask(cpu);
    }

    /**
     * {@code __flush_smp_call_function_queue(warn_cpu_offline)}.
     *
     * @param cpu the CPU flushing its own queue, with irqs disabled
     * @param warnOffline whether to WARN about entries found while this CPU is offline (false only for the dying-CPU
     *     flush)
     */
    void flush(Cpu cpu, boolean warnOffline) {
        int me = cpu.id();
        if (!cpu.irqsDisabled()) {
            throw new IllegalStateException("__flush_smp_call_function_queue on CPU" + me + " with irqs enabled "
                    + "(lockdep_assert_irqs_disabled); this is a bug in the model");
        }
        flushing[me] = true;
        try {
            flushEntries(cpu, warnOffline);
        } finally {
            flushing[me] = false;
        }
    }

    private void flushEntries(Cpu cpu, boolean warnOffline) {
        int me = cpu.id();
        CallSingleNode entry = CallSingleQueue.reverseOrder(system.callSingleQueue(me).delAll());
        if (entry == null) {
            return;
        }
        if (warnOffline && !system.cpuOnline(me)) {
            system.warnOnce("flush:offline", "IPI on offline CPU" + me);
        }
        List<CallSingleNode> chain = new ArrayList<>();
        for (CallSingleNode n = entry; n != null; n = n.next) {
            chain.add(n);
        }

        // First: SYNC callbacks, people are waiting for them.
        for (Iterator<CallSingleNode> it = chain.iterator(); it.hasNext(); ) {
            CallSingleNode node = it.next();
            if (node instanceof Csd csd && csd.type() == CallSingleNode.CSD_TYPE_SYNC) {
                it.remove();
                runSync(cpu, csd);
            }
        }
        // Second: the rest, ASYNC csds and irq_works, in queue order. (Task wake-ups are not modelled.)
        for (CallSingleNode node : chain) {
            if (node instanceof Csd csd && csd.type() == CallSingleNode.CSD_TYPE_ASYNC) {
                runAsync(cpu, csd);
            } else if (node instanceof IrqWork work) {
                work.unlinked();
                system.irqWorks().single(cpu, work);
            } else {
                throw new IllegalStateException("the flush on CPU" + me + " found " + node + " of type 0x"
                        + Integer.toHexString(node.type()) + ", which this model does not handle");
            }
        }
    }

    private void runSync(Cpu cpu, Csd csd) {
        int me = cpu.id();
        CallLedger.Ticket ticket = unlink(csd);
        CallLedger.checkAccess(ticket, csd, "the flush on CPU" + me, "read func and info");
        SmpCallFunc func = csd.func();
        Object info = csd.info();
        run(cpu, csd, ticket, func, info);
        CallLedger.checkAccess(ticket, csd, "the flush on CPU" + me, "csd_unlock");
        system.csdLock().unlock(csd);
    }

    private void runAsync(Cpu cpu, Csd csd) {
        if (system.variant().has(Design.AsyncUnlock.AFTER_FUNC)) {
            // Before v4.0 every csd was unlocked after its function, so a function cannot re-queue its own csd.
            runSync(cpu, csd);
            return;
        }
        int me = cpu.id();
        CallLedger.Ticket ticket = unlink(csd);
        CallLedger.checkAccess(ticket, csd, "the flush on CPU" + me, "read func and info");
        SmpCallFunc func = csd.func();
        Object info = csd.info();
        system.csdLock().unlock(csd);
        // From here on the csd belongs to its owner again; only the local copies of func and info are used.
        run(cpu, csd, ticket, func, info);
    }

    /** Takes the entry off the detached chain; the ghost ticket is read before anything else touches the csd. */
    private static CallLedger.Ticket unlink(Csd csd) {
        CallLedger.Ticket ticket = csd.ticket;
        csd.unlinked();
        return ticket;
    }

    private void run(Cpu cpu, Csd csd, CallLedger.Ticket ticket, SmpCallFunc func, Object info) {
        int me = cpu.id();
        Sched.point("csd func", csd);
        system.ledger().started(ticket, csd, me);
        // cur_csd of CONFIG_CSD_LOCK_WAIT_DEBUG, for "handling prior request" in stall reports.
        currentCsd[me] = csd;
        func.call(info);
        currentCsd[me] = null;
        system.ledger().finished(ticket);
    }
}
