package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import java.util.List;

/**
 * The send side for one target CPU, {@code kernel/smp.c} (v6.17): {@code smp_call_function_single()},
 * {@code smp_call_function_single_async()}, {@code generic_exec_single()} and {@code __smp_call_single_queue()}, with
 * the historical differences of the {@link Variant}s.
 */
final class SingleCall {
    private final IpiSystem system;

    SingleCall(IpiSystem system) {
        this.system = system;
    }

    /** {@code smp_call_function_single(cpu, func, info, wait)}; see {@link IpiSystem#callFunctionSingle}. */
    int callFunctionSingle(int cpu, SmpCallFunc func, Object info, boolean wait) {
        Cpu me = system.thisCpu("smp_call_function_single");
        int self = me.id();
        // get_cpu(): no preemption, migration or CPU removal until put_cpu().
        system.getCpu(me);
        try {
            if (system.cpuOnline(self) && me.irqsDisabled()) {
                // Waiting with irqs off can deadlock: the target may be waiting for us in the same way.
                system.warnOnce("single:irqs_disabled", "smp_call_function_single on CPU" + self
                        + " with irqs disabled: can deadlock");
            }
            if (!me.inTask()) {
                // From irq context a wait can hang (an interrupted sender may owe the IPI), and a no-wait call would
                // reuse this CPU's csd_data, which the interrupted context may hold.
                system.warnOnce("single:in_task", "smp_call_function_single on CPU" + self
                        + " from interrupt context");
            }
            CsdSource source = CsdSource.forSingle(system, wait);
            wait |= source.forcesWait();
            Csd csd = switch (source) {
                case CSD_DATA -> lockedForCall(system.csdData(self), func, info);
                case DESTINATION_SLOT -> cpu >= 0 && cpu < system.nrCpus() ? destinationSlot(cpu, func, info)
                        : CsdSource.STACK.make(system, self, cpu, func, info);
                default -> source.make(system, self, cpu, func, info);
            };
            csd.setRoute(self, cpu);
            boolean remote = cpu != self;
            if (remote) {
                system.callLock().acquire(me);
            }
            int err = genericExecSingle(me, cpu, csd, "smp_call_function_single");
            // The csd is ours until its flush unlocks it, so its ticket is still the one this call's enqueue stamped.
            CallLedger.Ticket ticket = err == 0 && remote ? csd.ticket : null;
            if (wait) {
                system.csdLock().waitUnlocked(csd);
                system.ledger().waitReturned(ticket, "CPU" + self + " in smp_call_function_single(wait=1)");
            }
            if (remote) {
                system.callLock().release(ticket == null ? List.of() : List.of(ticket));
            }
            if (csd.onStack()) {
                csd.endFrame();
            }
            return err;
        } finally {
            system.putCpu(me); // put_cpu()
        }
    }

    private Csd lockedForCall(Csd csd, SmpCallFunc func, Object info) {
        system.csdLock().lock(csd);
        csd.setCall(func, info);
        return csd;
    }

    /**
     * Seed 001 (2009): the destination's one csd, shared by every sender. {@code spin_lock(per_cpu(cpu, locks))} is an
     * atomic claim of {@code LOCK}, retried until it wins; the destination's flush releases it (as an ASYNC csd,
     * before the function runs).
     */
    private Csd destinationSlot(int cpu, SmpCallFunc func, Object info) {
        Csd slot = system.destinationSlot(cpu);
        for (;;) {
            system.csdLock().waitUnlocked(slot);
            Sched.point("spin_lock per-destination csd", slot);
            if ((slot.claimLockAtomically() & CallSingleNode.CSD_FLAG_LOCK) == 0) {
                break;
            }
        }
        slot.setCall(func, info);
        return slot;
    }

    /** {@code smp_call_function_single_async(cpu, csd)}; see {@link IpiSystem#callFunctionSingleAsync}. */
    int callFunctionSingleAsync(int cpu, Csd csd) {
        Cpu me = system.thisCpu("smp_call_function_single_async");
        Variant variant = system.variant();
        system.getCpu(me);
        try {
            if (variant.has(Design.AsyncClaim.ATOMIC)) {
                if (!CsdClaim.claimAtomically(csd)) {
                    return -Errno.EBUSY;
                }
            } else {
                // Not atomic: a plain load here and a plain store below, with a schedule point between them. The
                // caller must serialise all uses of this csd.
                if (CsdClaim.testLock(csd)) {
                    if (variant.has(Design.AsyncOnLocked.EBUSY)) {
                        // Safe: an ASYNC csd is unlocked before its function runs, so the run is still ahead.
                        return -Errno.EBUSY;
                    }
                    if (variant.has(Design.AsyncOnLocked.WARN_AND_WAIT)) {
                        // v4.0-v5.6: "We could deadlock if we have to wait here with interrupts disabled!"
                        system.warnOnce("async:locked", "smp_call_function_single_async on CPU" + me.id()
                                + " with locked " + csd + (me.irqsDisabled() ? ", irqs disabled" : "") + "; waiting");
                    }
                    // Before v4.0 this was csd_lock()'s wait, with no warning.
                    system.csdLock().waitUnlocked(csd);
                }
                CsdClaim.setLock(csd);
            }
            csd.setRoute(me.id(), cpu);
            return genericExecSingle(me, cpu, csd, "smp_call_function_single_async");
        } finally {
            system.putCpu(me);
        }
    }

    /**
     * {@code generic_exec_single(cpu, csd)}: run locally, refuse, or queue.
     *
     * <ul>
     *   <li>{@code cpu} is this CPU: copy func and info, unlock the csd (safe: nobody else can run it), run the function
     *       right here with irqs disabled, return 0;</li>
     *   <li>{@code cpu} is not a valid, online CPU: unlock, return {@code -ENXIO};</li>
     *   <li>otherwise {@code __smp_call_single_queue}: add to the target's queue and send an IPI if it was empty.</li>
     * </ul>
     */
    int genericExecSingle(Cpu me, int cpu, Csd csd, String via) {
        if (cpu == me.id()) {
            SmpCallFunc func = csd.func();
            Object info = csd.info();
            system.csdLock().unlock(csd);
            boolean wasDisabled = me.localIrqSave();
            func.call(info);
            me.localIrqRestore(wasDisabled);
            return 0;
        }
        if (cpu < 0 || cpu >= system.nrCpus() || !system.cpuOnline(cpu)) {
            system.csdLock().unlock(csd);
            return -Errno.ENXIO;
        }
        system.smpCallSingleQueue(cpu, csd, via);
        return 0;
    }
}
