package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.List;

/**
 * The send side for many target CPUs, {@code kernel/smp.c} (v6.17): {@code smp_call_function_many_cond()}, the engine
 * behind {@code smp_call_function_many}, {@code smp_call_function} and the {@code on_each_cpu*} family.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Snapshot the destinations once: {@code cfd->cpumask = mask ∩ cpu_online_mask − this CPU}.</li>
 *   <li>For each destination the condition accepts: {@code csd_lock} this CPU's csd for it (which waits until this
 *       CPU's previous call to that destination was unlocked), mark it SYNC when waiting, fill it, and
 *       {@code llist_add} it; a destination whose queue was empty is owed an IPI ({@code cfd->cpumask_ipi}).</li>
 *   <li>Send the IPIs: one {@code CALL_FUNCTION_SINGLE} if one CPU is owed, else {@code CALL_FUNCTION} to the mask.
 *       None may be owed although work was enqueued, when every queue already held something.</li>
 *   <li>With {@code SCF_RUN_LOCAL}, run the function here with irqs disabled, <em>after</em> sending (a32a4d8a815c,
 *       v5.13), so it runs concurrently with the remote calls.</li>
 *   <li>With {@code SCF_WAIT}, if any work was enqueued, {@code csd_lock_wait} on each destination's csd. The pre-fix
 *       variant of C18 waits only if an IPI was sent.</li>
 * </ol>
 */
final class ManyCall {

    /** {@code SCF_WAIT}: wait until the function completed on every destination. */
    static final int SCF_WAIT = 1;
    /** {@code SCF_RUN_LOCAL}: also run the function on the calling CPU, if it is in the mask. */
    static final int SCF_RUN_LOCAL = 2;

    private final IpiSystem system;
    private final Cfd[] cfd;

    ManyCall(IpiSystem system) {
        this.system = system;
        this.cfd = new Cfd[system.nrCpus()];
        for (int cpu = 0; cpu < cfd.length; cpu++) {
            cfd[cpu] = new Cfd(cpu, system.nrCpus());
        }
    }

    Cfd cfd(int cpu) {
        return cfd[cpu];
    }

    /**
     * {@code smp_call_function_many_cond(mask, func, info, scf_flags, cond_func)} with preemption disabled around it
     * (the kernel's callers disable it; the model does so itself).
     *
     * @param via the exported function the caller used, for warnings and traces
     */
    void manyCond(CpuMask mask, SmpCallFunc func, Object info, int scfFlags, SmpCondFunc cond, String via) {
        Cpu me = system.thisCpu(via);
        int self = me.id();
        system.getCpu(me);
        try {
            if (system.cpuOnline(self) && me.irqsDisabled()) {
                // lockdep_assert_irqs_enabled(): a waiting caller with irqs off can deadlock with another CPU doing
                // the same, and even a no-wait caller may spin in csd_lock for its previous call.
                system.warnOnce("many:irqs_disabled", via + " on CPU" + self + " with irqs disabled: can deadlock");
            }
            if (!me.inTask()) {
                system.warnOnce("many:in_task", via + " on CPU" + self + " from interrupt context");
            }
            Sched.point("cpumask_and", mask);
            CpuMask targets = mask.and(system.cpuOnlineMask()).clear(self);
            boolean wait = (scfFlags & SCF_WAIT) != 0;
            Sent sent = Sent.NOTHING;
            if (!targets.isEmpty()) {
                system.callLock().acquire(me);
                sent = sendToAll(me, targets, func, info, wait, cond, via);
            }
            if ((scfFlags & SCF_RUN_LOCAL) != 0 && mask.test(self) && (cond == null || cond.test(self, info))) {
                boolean wasDisabled = me.localIrqSave();
                func.call(info);
                me.localIrqRestore(wasDisabled);
            }
            if (sent.waits() && shouldWait(sent)) {
                for (Csd csd : sent.csds()) {
                    system.csdLock().waitUnlocked(csd);
                }
            }
            if (sent.waits()) {
                for (CallLedger.Ticket t : sent.tickets()) {
                    system.ledger().waitReturned(t, "CPU" + self + " in " + via + "(wait=1)");
                }
            }
            if (!targets.isEmpty()) {
                system.callLock().release(sent.tickets());
            }
            endFrames(sent);
        } finally {
            system.putCpu(me);
        }
    }

    /**
     * What a many-call enqueued: the csds and their enqueue tickets, how many CPUs were sent an IPI, and whether the
     * call waits (asked to, or forced to by an on-stack fallback).
     */
    private record Sent(List<Csd> csds, List<CallLedger.Ticket> tickets, int ipis, boolean waits) {
        static final Sent NOTHING = new Sent(List.of(), List.of(), 0, false);

        boolean workEnqueued() {
            return !csds.isEmpty();
        }
    }

    /**
     * Waiting keys on "work was enqueued" ({@code run_remote}), never on "an IPI was sent": a destination whose queue
     * already held an entry gets no IPI, yet its flush will run this call too (C18).
     */
    private boolean shouldWait(Sent sent) {
        return system.variant().has(Design.ManyWait.IF_IPI_SENT) ? sent.ipis() > 0 : sent.workEnqueued();
    }

    private Sent sendToAll(Cpu me, CpuMask targets, SmpCallFunc func, Object info, boolean wait, SmpCondFunc cond,
            String via) {
        int self = me.id();
        Cfd mine = cfd[self];
        mine.cpumask = targets;
        mine.cpumaskIpi = CpuMask.none();
        CsdSource source = CsdSource.forMany(system, wait);
        List<Csd> csds = new ArrayList<>();
        List<CallLedger.Ticket> tickets = new ArrayList<>();
        int nrCpus = 0;
        int lastCpu = -1;
        for (int cpu = targets.firstCpu(); cpu >= 0; cpu = nextIn(targets, cpu)) {
            if (cond != null && !cond.test(cpu, info)) {
                mine.cpumask.clear(cpu);
                continue;
            }
            Csd csd = source == CsdSource.CFD ? cfdCsd(mine, cpu, func, info, wait)
                    : source.make(system, self, cpu, func, info);
            csd.setRoute(self, cpu);
            if (system.callSingleQueue(cpu).add(csd, via)) {
                mine.cpumaskIpi.set(cpu);
                nrCpus++;
                lastCpu = cpu;
            }
            csds.add(csd);
            tickets.add(csd.ticket);
        }
        if (nrCpus == 1) {
            system.sendCallFunctionSingleIpi(lastCpu);
        } else if (nrCpus > 1) {
            system.sendCallFunctionIpiMask(mine.cpumaskIpi);
        }
        return new Sent(csds, tickets, nrCpus, wait || source.forcesWait());
    }

    private static void endFrames(Sent sent) {
        for (Csd csd : sent.csds()) {
            if (csd.onStack()) {
                csd.endFrame();
            }
        }
    }

    private static int nextIn(CpuMask mask, int cpu) {
        for (int next = cpu + 1; next < CpuMask.MAX_CPUS; next++) {
            if (mask.test(next)) {
                return next;
            }
        }
        return -1;
    }

    /** This CPU's {@code cfd->csd[cpu]} after {@code csd_lock}, SYNC when waiting. */
    private Csd cfdCsd(Cfd mine, int cpu, SmpCallFunc func, Object info, boolean wait) {
        Csd csd = mine.csd(cpu);
        system.csdLock().lock(csd);
        if (wait) {
            // The owner holds LOCK and the csd is not yet published, so a plain update of the type is safe.
            csd.writeFlagsPlain(csd.readFlagsPlain() | CallSingleNode.CSD_TYPE_SYNC);
        }
        csd.setCall(func, info);
        return csd;
    }
}
